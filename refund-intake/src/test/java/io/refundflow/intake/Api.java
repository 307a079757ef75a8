package io.refundflow.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the service under test (java.net.http), speaking JSON and multipart. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /** An answer whose body is kept as bytes (a file). */
    public record Download(int status, java.net.http.HttpHeaders headers, byte[] bytes) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** A file part of a multipart request. */
    public record FilePart(String name, String fileName, String contentType, byte[] bytes) {
    }

    public static String newKey() {
        return "k-" + UUID.randomUUID();
    }

    public Response get(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public Download download(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response postJson(String token, String key, String path, String body) {
        return post(token, key, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    public Response post(String token, String key, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request.build());
    }

    /** Multipart POST: the JSON part {@code application} (omitted when null) and the file parts. */
    public Response postMultipart(String token, String key, String path, String applicationJson, List<FilePart> files) {
        List<FilePart> parts = new ArrayList<>();
        if (applicationJson != null) {
            parts.add(new FilePart("application", null, "application/json",
                    applicationJson.getBytes(StandardCharsets.UTF_8)));
        }
        parts.addAll(files);
        String boundary = "b-" + UUID.randomUUID(); // a new boundary on every call, as real clients do
        return post(token, key, path, "multipart/form-data; boundary=" + boundary, multipart(boundary, parts));
    }

    public static String submitPath(String caseId) {
        return "/api/cases/" + caseId + "/submissions";
    }

    public static String evidencePath(String caseId) {
        return "/api/cases/" + caseId + "/evidence";
    }

    private static byte[] multipart(String boundary, List<FilePart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (FilePart part : parts) {
                out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                String disposition = "Content-Disposition: form-data; name=\"" + part.name() + "\""
                        + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"");
                out.write((disposition + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (part.contentType() != null) {
                    out.write(("Content-Type: " + part.contentType() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                out.write(part.bytes());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
