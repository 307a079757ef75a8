package io.refundflow.dashboard.web;

import io.refundflow.platform.web.problems.ProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A service whose API the page uses through the dashboard, with the ops member's own token, so that the
 * service itself decides what the caller may do and records who did it. Its answers, problem details
 * included, are passed back unchanged; a service that does not answer is a 502 naming it.
 */
public final class Upstream {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private static final List<String> FILE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_DISPOSITION, "X-Content-Type-Options", "Repr-Digest", HttpHeaders.ETAG,
            HttpHeaders.CACHE_CONTROL);

    private final String service;
    private final String baseUrl;
    private final RestClient client;

    /** @param service the service's short name, as in its problem type {@code <service>-unavailable} */
    public Upstream(String service, String baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    /** A URI on the service, to add the path and query to. */
    public UriComponentsBuilder uri() {
        return UriComponentsBuilder.fromUriString(baseUrl);
    }

    /**
     * A file the service serves: its bytes with the headers that say how to show it and what it is
     * (type, disposition, no sniffing, digest); nothing else of the service's answer is passed on.
     */
    public ResponseEntity<byte[]> file(URI uri, JwtAuthenticationToken caller) {
        try {
            return client.get().uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.getToken().getTokenValue())
                    .exchange((req, response) -> {
                        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.getStatusCode());
                        for (String name : FILE_HEADERS) {
                            String value = response.getHeaders().getFirst(name);
                            if (value != null) {
                                answer.header(name, value);
                            }
                        }
                        return answer.body(response.getBody().readAllBytes());
                    });
        } catch (ResourceAccessException e) {
            throw unavailable(e);
        }
    }

    public ResponseEntity<byte[]> forward(HttpMethod method, URI uri, byte[] body, JwtAuthenticationToken caller) {
        try {
            RestClient.RequestBodySpec request = client.method(method).uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.getToken().getTokenValue())
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
            throw unavailable(e);
        }
    }

    private RuntimeException unavailable(ResourceAccessException e) {
        return new ProblemException(HttpStatus.BAD_GATEWAY, service + "-unavailable", "Bad gateway",
                service + " did not answer at " + baseUrl + ": " + e.getMostSpecificCause().getMessage());
    }
}
