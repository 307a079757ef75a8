package io.refundflow.intake.uploads;

import io.refundflow.intake.settings.IntakeProperties;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The upload limits this service enforces, for a client that wants to spare its user a pointless upload (the
 * customer page checks type and size before sending). The service checks them again whatever a client does.
 */
@RestController
public class UploadLimitsController {

    /**
     * @param maxFileSize    bytes of one file at most
     * @param maxFiles       files in one submission at most
     * @param maxRequestSize bytes of one upload request (files and application) at most
     * @param maxCaseSize    bytes of all the files of one case at most
     * @param allowedTypes   content types accepted, as detected from the bytes
     */
    public record UploadLimits(long maxFileSize, int maxFiles, long maxRequestSize, long maxCaseSize,
            List<String> allowedTypes) {
    }

    private final UploadLimits limits;

    public UploadLimitsController(IntakeProperties properties) {
        IntakeProperties.Evidence evidence = properties.evidence();
        this.limits = new UploadLimits(evidence.maxFileSize().toBytes(), evidence.maxFiles(),
                properties.uploads().maxRequestSize().toBytes(), evidence.maxCaseSize().toBytes(),
                List.copyOf(evidence.allowedTypes()));
    }

    @Operation(summary = "The upload limits this service enforces", description = "Per file, per submission, per"
            + " request and per case, and the accepted types. Checked again on every upload.")
    @GetMapping(path = "/api/uploads/limits", produces = MediaType.APPLICATION_JSON_VALUE)
    public UploadLimits uploadLimits() {
        return limits;
    }
}
