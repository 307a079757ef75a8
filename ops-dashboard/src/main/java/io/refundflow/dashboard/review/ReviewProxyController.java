package io.refundflow.dashboard.review;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.web.Problems;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The manual-review queue from the page: passes the reviewer's calls to policy-evaluator's review API
 * ({@code refund.dashboard.evaluator-url}) with the reviewer's own token, so the evaluator decides who may
 * claim and records who decided. Its answers (problem details included) are returned unchanged.
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewProxyController {

    private static final Pattern REFUND_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

    private final RestClient evaluator;
    private final String evaluatorUrl;

    ReviewProxyController(DashboardProperties properties) {
        this.evaluatorUrl = properties.evaluatorUrl();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3)).build());
        requests.setReadTimeout(Duration.ofSeconds(15));
        this.evaluator = RestClient.builder().requestFactory(requests).build();
    }

    @GetMapping
    ResponseEntity<byte[]> queue(@RequestParam(required = false) String ground,
            @RequestParam(required = false) String productKind, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, JwtAuthenticationToken reviewer) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(evaluatorUrl).path("/api/reviews");
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

    private URI caseUri(String refundId, String action) {
        if (!REFUND_ID.matcher(refundId).matches()) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field",
                    "refundId: must match " + REFUND_ID.pattern());
        }
        return UriComponentsBuilder.fromUriString(evaluatorUrl).path("/api/reviews/{refundId}" + action)
                .buildAndExpand(refundId).encode().toUri();
    }

    private ResponseEntity<byte[]> forward(HttpMethod method, URI uri, byte[] body, JwtAuthenticationToken reviewer) {
        try {
            RestClient.RequestBodySpec request = evaluator.method(method).uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + reviewer.getToken().getTokenValue())
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, response) -> {
                MediaType type = response.getHeaders().getContentType();
                ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.getStatusCode());
                if (type != null) {
                    answer.contentType(type);
                }
                return answer.body(response.getBody().readAllBytes());
            });
        } catch (ResourceAccessException e) {
            throw Problems.exception(HttpStatus.BAD_GATEWAY, "evaluator-unavailable", "Bad gateway",
                    "policy-evaluator did not answer at " + evaluatorUrl + ": " + e.getMostSpecificCause().getMessage());
        }
    }
}
