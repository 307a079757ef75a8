package io.refundflow.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** A small HTTP client for the suite: every answer as status and body, nothing thrown for a 4xx or 5xx. */
final class Http {

    /** An answer; status -1 when the connection failed or timed out. */
    record Response(int status, String body, Map<String, String> headers) {

        boolean is2xx() {
            return status >= 200 && status < 300;
        }

        boolean retryable() {
            return status < 0 || status >= 500 || status == 409 || status == 429;
        }

        /** A 503 of intake's admission gate (problem type {@code .../overloaded}), not a dependency outage. */
        boolean overloaded() {
            return status == 503 && body != null && OVERLOADED.matcher(body).find();
        }
    }

    private static final Pattern OVERLOADED =
            Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/overloaded\"");

    /** The longest pause between two tries of a request the gate refused, whatever its Retry-After says. */
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** How long a request the admission gate refused (503 overloaded) is tried again; zero: never. */
    private final Duration patience;
    /** The admission gate's refusals this client has waited out. */
    final AtomicInteger overloadedRetries = new AtomicInteger();

    /** A client that returns every answer as it came, the gate's refusals included. */
    Http() {
        this(Duration.ZERO);
    }

    private Http(Duration patience) {
        this.patience = patience;
    }

    /**
     * A client that waits out the admission gate, as a well-behaved client does: a 503 overloaded says nothing
     * was looked at nor accepted, so a probe that must reach the checks behind the gate (authorization, the money
     * controls) sends the same request again (same Idempotency-Key) after Retry-After, for up to {@code patience}.
     */
    static Http patientWithTheGate(Duration patience) {
        return new Http(patience);
    }

    Response send(String method, String url, String token, Map<String, String> headers, String contentType,
            byte[] body) {
        long deadline = System.nanoTime() + patience.toNanos();
        Response response = sendOnce(method, url, token, headers, contentType, body);
        while (response.overloaded() && System.nanoTime() < deadline) {
            overloadedRetries.incrementAndGet();
            try {
                Thread.sleep(pauseAfter(response).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            response = sendOnce(method, url, token, headers, contentType, body);
        }
        return response;
    }

    private static Duration pauseAfter(Response refused) {
        String retryAfter = refused.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue)
                .findFirst().orElse("1");
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            return asked.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : asked;
        } catch (NumberFormatException e) {
            return LONGEST_PAUSE;
        }
    }

    private Response sendOnce(String method, String url, String token, Map<String, String> headers,
            String contentType, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name, String.join(",", values)));
            return new Response(response.statusCode(), response.body(), answerHeaders);
        } catch (IOException e) {
            return new Response(-1, String.valueOf(e), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted", Map.of());
        }
    }

    Response get(String url, String token) {
        return send("GET", url, token, Map.of(), null, null);
    }

    Response postJson(String url, String token, String idempotencyKey, String json) {
        return send("POST", url, token, Map.of("Idempotency-Key", idempotencyKey), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A multipart submit: the JSON part {@code application} and optional files {@code evidence}. */
    Response postSubmission(String url, String token, String idempotencyKey, String applicationJson,
            Map<String, byte[]> evidence) {
        String boundary = "faults-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"application\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + applicationJson + "\r\n");
        evidence.forEach((name, bytes) -> {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"" + name
                    + "\"\r\nContent-Type: text/plain\r\n\r\n");
            body.writeBytes(bytes);
            write(body, "\r\n");
        });
        write(body, "--" + boundary + "--\r\n");
        return send("POST", url, token, Map.of("Idempotency-Key", idempotencyKey),
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /**
     * Sends exactly these bytes over a plain socket (for what a well-behaved client refuses to send, such as
     * CR/LF inside a header value) and returns the status line's code and the whole answer.
     */
    static Response raw(String host, int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0 && answer.size() < 1_000_000) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException timeoutOrReset) {
                // the server may keep the connection open or reset it after answering
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            int status = -1;
            if (text.startsWith("HTTP/1.")) {
                status = Integer.parseInt(text.substring(9, 12));
            }
            return new Response(status, text, Map.of());
        } catch (IOException e) {
            return new Response(-1, String.valueOf(e), Map.of());
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
