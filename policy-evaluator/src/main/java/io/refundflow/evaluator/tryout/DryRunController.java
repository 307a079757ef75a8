package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/policy/evaluations}: what would the current policy decide for this order and request?
 * Body {@link DryRunBody}, answer {@link DryRunAnswer} (a stable contract shared with the command line).
 * Nothing is stored or published.
 */
@RestController
class DryRunController {

    /** Where the message names the field at fault: {@code field order.productKind: reason}. */
    private static final Pattern FIELD = Pattern.compile("field ([A-Za-z0-9_.\\[\\]()]+): (.*)", Pattern.DOTALL);

    private final DryRunCommand dryRun;

    DryRunController(PolicyEngine engine) {
        this.dryRun = new DryRunCommand(engine);
    }

    @Operation(summary = "What would the current policy decide for this order and request?",
            description = "Nothing is stored or published; the answer is the contract the command line shares.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DryRunBody.class))))
    @PostMapping(path = "/api/policy/evaluations", consumes = MediaType.APPLICATION_JSON_VALUE)
    DryRunAnswer evaluate(@RequestBody(required = false) byte[] body) {
        return dryRun.answerOne(new ByteArrayInputStream(body == null ? new byte[0] : body));
    }

    @ExceptionHandler(InvalidDryRunInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDryRunInputException e) {
        Matcher field = FIELD.matcher(e.getMessage());
        InvalidField error = field.find() ? new InvalidField(field.group(1), field.group(2))
                : new InvalidField("body", e.getMessage());
        return ProblemDetails.response(ProblemDetails.withErrors(HttpStatus.BAD_REQUEST,
                ProblemDetails.INVALID_REQUEST, ProblemDetails.INVALID_REQUEST_TITLE, e.getMessage(),
                List.of(error)));
    }
}
