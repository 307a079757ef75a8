package io.refundflow.dashboard.review;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.web.Upstream;
import io.refundflow.platform.web.problems.ProblemException;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files a customer attached, opened from the review page: refund-intake serves them
 * ({@code refund.dashboard.intake-url}) to the reviewer's own token, and decides who may see them. Images and
 * PDFs come back to be shown in the page, everything else as a download, never sniffed.
 */
@RestController
class EvidenceProxyController {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final Upstream intake;

    EvidenceProxyController(DashboardProperties properties) {
        this.intake = new Upstream("intake", properties.intakeUrl());
    }

    @GetMapping("/api/evidence/{refundId}/{sha256}")
    ResponseEntity<byte[]> file(@PathVariable String refundId, @PathVariable String sha256,
            JwtAuthenticationToken reviewer) {
        if (!ReviewProxyController.REFUND_ID.matcher(refundId).matches()) {
            throw ProblemException.invalid("refundId", "must match " + ReviewProxyController.REFUND_ID.pattern());
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw ProblemException.invalid("sha256", "must be 64 lower-case hex digits");
        }
        return intake.file(intake.uri().path("/api/refunds/{refundId}/evidence/{sha256}")
                .buildAndExpand(refundId, sha256).encode().toUri(), reviewer);
    }
}
