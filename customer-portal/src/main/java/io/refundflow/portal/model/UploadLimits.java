package io.refundflow.portal.model;

import java.util.List;

/** The upload limits refund-intake enforces ({@code GET /api/uploads/limits}), for the page's checks before upload. */
public record UploadLimits(long maxFileSize, int maxFiles, long maxRequestSize, long maxCaseSize,
        List<String> allowedTypes) {
}
