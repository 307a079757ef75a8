package io.refundflow.events;

/** Metadata of one evidence attachment; the bytes stay with refund-intake. */
public record Evidence(String fileName, String contentType, long sizeBytes, String sha256) {
}
