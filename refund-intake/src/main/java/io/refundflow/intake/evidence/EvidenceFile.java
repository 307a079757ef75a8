package io.refundflow.intake.evidence;

import io.refundflow.events.Evidence;

/** An accepted attachment: its name, the content type detected from its bytes, the bytes and their digest. */
public record EvidenceFile(String fileName, String contentType, byte[] content, String sha256) {

    public Evidence metadata() {
        return new Evidence(fileName, contentType, content.length, sha256);
    }
}
