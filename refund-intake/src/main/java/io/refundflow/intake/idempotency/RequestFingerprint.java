package io.refundflow.intake.idempotency;

import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for an idempotency key: the SHA-256 of method, path and body. A multipart
 * body counts by its parts (name, file name, content type, bytes), because a client picks a new boundary on
 * every retry.
 */
final class RequestFingerprint {

    private final MessageDigest digest = sha256();

    RequestFingerprint(String method, String path) {
        digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void add(byte[] body) {
        digest.update(body);
    }

    void add(Part part) throws IOException {
        digest.update(("part:" + part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000"
                + part.getContentType() + "\u0000").getBytes(StandardCharsets.UTF_8));
        MessageDigest bytes = sha256();
        byte[] buffer = new byte[8192];
        try (InputStream in = part.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.update(buffer, 0, n);
            }
        }
        digest.update(bytes.digest());
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
