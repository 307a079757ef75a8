package io.refundflow.intake.evidence;

import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.cases.CaseView;
import io.refundflow.intake.uploads.UploadAnswers;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The customer's answer to a reviewer's request for more evidence. */
@RestController
public class AddEvidenceController {

    private final AddEvidenceService service;
    private final CaseService cases;

    public AddEvidenceController(AddEvidenceService service, CaseService cases) {
        this.cases = cases;
        this.service = service;
    }

    @Operation(summary = "Add the evidence a reviewer asked for", description = "Multipart: one or more 'evidence'"
            + " files (PNG, JPEG, PDF or CSV, detected from the bytes and proven by them; the submission's limits per"
            + " request, file, case and customer). Only while the case is AWAITING_EVIDENCE (its evidenceRequest says what is missing"
            + " and until when); otherwise 409 not-awaiting-evidence, naming the case's status. Answers 202 with"
            + " the case, back UNDER_REVIEW: the files belong to the request under review (same refund id) and the"
            + " review step is told of them; the decision follows asynchronously.")
    @ApiResponse(responseCode = "202", description = "Files stored; the review resumes with them",
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @ApiResponse(responseCode = "400", description = "No 'evidence' file (errors name the field evidence), an empty"
            + " file, more files than allowed in one upload, or a missing Idempotency-Key")
    @ApiResponse(responseCode = "409", description = "not-awaiting-evidence: the case does not await evidence (the"
            + " detail names its status)")
    @UploadAnswers
    @ApiResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
    @PostMapping(path = UploadRoutes.ADD_EVIDENCE, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CaseView> addEvidence(@PathVariable String caseId,
            @RequestPart(name = "evidence") List<MultipartFile> evidence) {
        return service.add(Caller.current(), caseId, evidence).answer(cases::view);
    }
}
