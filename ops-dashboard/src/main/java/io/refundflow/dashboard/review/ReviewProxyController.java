package io.refundflow.dashboard.review;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.web.Upstream;
import io.refundflow.platform.web.problems.ProblemException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The manual-review queue from the page: passes the reviewer's calls to policy-evaluator's review API
 * ({@code refund.dashboard.evaluator-url}) with the reviewer's own token, so the evaluator decides who may
 * claim and records who decided.
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewProxyController {

    static final Pattern REFUND_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

    private final Upstream evaluator;

    ReviewProxyController(DashboardProperties properties) {
        this.evaluator = new Upstream("evaluator", properties.evaluatorUrl());
    }

    @GetMapping
    ResponseEntity<byte[]> queue(@RequestParam(required = false) String ground,
            @RequestParam(required = false) String productKind, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, JwtAuthenticationToken reviewer) {
        UriComponentsBuilder uri = evaluator.uri().path("/api/reviews");
        if (ground != null && !ground.isBlank()) {
            uri.queryParam("ground", ground);
        }
        if (productKind != null && !productKind.isBlank()) {
            uri.queryParam("productKind", productKind);
        }
        if (page != null) {
            uri.queryParam("page", page);
        }
        if (size != null) {
            uri.queryParam("size", size);
        }
        return forward(HttpMethod.GET, uri.encode().build().toUri(), null, reviewer);
    }

    @GetMapping("/{refundId}")
    ResponseEntity<byte[]> view(@PathVariable String refundId, JwtAuthenticationToken reviewer) {
        return forward(HttpMethod.GET, caseUri(refundId, ""), null, reviewer);
    }

    @PostMapping("/{refundId}/claim")
    ResponseEntity<byte[]> claim(@PathVariable String refundId, JwtAuthenticationToken reviewer) {
        return forward(HttpMethod.POST, caseUri(refundId, "/claim"), null, reviewer);
    }

    /** Body as the evaluator takes it: {@code {"approved": bool, "amount": {...}?, "reason": {...}?}}. */
    @PostMapping("/{refundId}/decision")
    ResponseEntity<byte[]> decide(@PathVariable String refundId, @RequestBody byte[] body,
            JwtAuthenticationToken reviewer) {
        return forward(HttpMethod.POST, caseUri(refundId, "/decision"), body, reviewer);
    }

    /**
     * Body as the evaluator takes it: {@code {"message": "..."}}, what the customer is asked to add; the case
     * then waits for the customer's files (AWAITING_EVIDENCE).
     */
    @PostMapping("/{refundId}/evidence-request")
    ResponseEntity<byte[]> requestEvidence(@PathVariable String refundId, @RequestBody byte[] body,
            JwtAuthenticationToken reviewer) {
        return forward(HttpMethod.POST, caseUri(refundId, "/evidence-request"), body, reviewer);
    }

    private URI caseUri(String refundId, String action) {
        if (!REFUND_ID.matcher(refundId).matches()) {
            throw ProblemException.invalid("refundId", "must match " + REFUND_ID.pattern());
        }
        return evaluator.uri().path("/api/reviews/{refundId}" + action)
                .buildAndExpand(refundId).encode().toUri();
    }

    private ResponseEntity<byte[]> forward(HttpMethod method, URI uri, byte[] body, JwtAuthenticationToken reviewer) {
        return evaluator.forward(method, uri, body, reviewer);
    }
}
