package io.refundflow.intake.submit;

import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The contact and submit steps in one call; the two-call form (POST /api/cases, then its submissions) stays. */
@RestController
public class OpenAndSubmitController {

    private static final String SUMMARY = "Open a case and submit its refund application in one call";
    private static final String RULES = " The contact step's rules and the submit step's apply exactly as to the two"
            + " calls (the order must be the customer's in the billing system, 422 otherwise; a day's cases on an"
            + " order, 429 too-many-cases; one open request per order, 409 open-request-exists; 409"
            + " nothing-left-to-refund; the evidence limits); any refusal leaves no case behind. Answers 201 with"
            + " the case's Location and a small receipt; the decision follows asynchronously.";

    private final SubmitService service;

    public OpenAndSubmitController(SubmitService service) {
        this.service = service;
    }

    @Operation(summary = SUMMARY, description = "JSON: {contact: the body of POST /api/cases, application: the"
            + " application part of a submission}. With files, the same JSON goes as the part 'request' (content type"
            + " application/json) of a multipart/form-data body with one or more 'evidence' files, taken as a"
            + " submission's, under the upload bounds (413, 415, 429 too-many-uploads, 503 uploads-busy)." + RULES)
    @ApiResponse(responseCode = "201", description = "Case opened and application stored; Location names the case",
            content = @Content(schema = @Schema(implementation = SubmissionReceipt.class)))
    @PostMapping(path = UploadRoutes.OPEN_AND_SUBMIT, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SubmissionReceipt> openAndSubmit(@Valid @RequestBody OpenAndSubmitRequest request) {
        return receipt(service.openAndSubmit(Caller.current(), request.contact(), request.application(), List.of())
                .changed());
    }

    /**
     * The multipart form, described with the JSON form's operation: one operation per path and method in the
     * document, and a generated client cannot take both bodies in one operation.
     */
    @Operation(hidden = true)
    @PostMapping(path = UploadRoutes.OPEN_AND_SUBMIT, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SubmissionReceipt> openAndSubmitWithFiles(
            @Valid @RequestPart("request") OpenAndSubmitRequest request,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        return receipt(service.openAndSubmit(Caller.current(), request.contact(), request.application(),
                evidence == null ? List.of() : evidence).changed());
    }

    private static ResponseEntity<SubmissionReceipt> receipt(RefundCase submitted) {
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/cases/" + submitted.caseId()))
                .body(SubmissionReceipt.of(submitted));
    }
}
