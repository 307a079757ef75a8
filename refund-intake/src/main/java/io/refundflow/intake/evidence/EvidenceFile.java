package io.refundflow.intake.evidence;

import io.refundflow.events.Evidence;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.multipart.MultipartFile;

/**
 * An accepted attachment: its name, the content type its bytes proved, its size and digest, and the upload it
 * is read from (the container's temporary file, streamed, never held whole).
 */
public record EvidenceFile(String fileName, String contentType, long size, String sha256, MultipartFile upload) {

    public Evidence metadata() {
        return new Evidence(fileName, contentType, size, sha256);
    }

    InputStream open() throws IOException {
        return upload.getInputStream();
    }
}
