package io.refundflow.intake.uploads;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, on an operation that takes files, the refusals every upload may get: the limits of {@link UploadGate}
 * and {@link UploadMultipart}, and a file whose bytes do not prove its type. Kept once so that the upload routes'
 * documents cannot drift apart.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "413", description = "Content-Length over the upload limit (answered before the body"
        + " is read), a file over the per-file limit, or the case's files over the per-case limit")
@ApiResponse(responseCode = "415", description = "A file that is not what its type says (an image that does not"
        + " decode, a PDF that does not parse, a CSV without a header and a row) or of a type not accepted")
@ApiResponse(responseCode = "429", description = "The caller's uploads at the same time (too-many-uploads, with"
        + " Retry-After) or the customer's stored evidence (quota-exceeded) over their limit")
@ApiResponse(responseCode = "503", description = "The service takes no more uploads at the moment (uploads-busy,"
        + " with Retry-After)")
public @interface UploadAnswers {
}
