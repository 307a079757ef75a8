package io.refundflow.intake.evidence;

/**
 * An attached file as stored at submission, with the customer whose case it belongs to.
 *
 * @param contentType the type detected from the bytes at upload, not the one the client claimed
 * @param sha256      hex digest of the bytes, as in the request event's evidence metadata
 */
record StoredEvidence(String refundId, String customerId, String fileName, String contentType, String sha256,
        byte[] content) {
}
