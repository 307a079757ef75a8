package io.refundflow.intake.submit;

import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.cases.CaseView;
import io.refundflow.intake.uploads.UploadAnswers;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The submit step. */
@RestController
public class SubmissionController {

    private final SubmitService service;
    private final CaseService cases;

    public SubmissionController(SubmitService service, CaseService cases) {
        this.cases = cases;
        this.service = service;
    }

    @Operation(summary = "Submit the refund application on a case (submit step)", description = "Multipart: the JSON"
            + " part 'application' (content type application/json) and zero or more 'evidence' files (PNG, JPEG,"
            + " PDF or CSV, detected from the bytes; a file counts as evidence only if its bytes prove its type). Answers 202 with the case: the application is"
            + " stored and its refund-request event will be published; the decision follows asynchronously."
            + " A rejected case whose rejection named a remedy, or whose refund billing could not pay back, may be"
            + " submitted again (new refund id). An order with nothing left to refund (its paid amount used up by"
            + " refunds approved or executed) is answered 409 nothing-left-to-refund, naming those refunds.")
    @ApiResponse(responseCode = "202", description = "Application stored; the review follows asynchronously",
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @UploadAnswers
    @PostMapping(path = UploadRoutes.SUBMIT, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CaseView> submit(@PathVariable String caseId,
            @Valid @RequestPart("application") SubmissionForm application,
            @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
        return service.submit(Caller.current(), caseId, application, evidence == null ? List.of() : evidence)
                .answer(cases::view);
    }
}
