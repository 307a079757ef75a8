package io.refundflow.intake.evidence;

import io.refundflow.intake.problems.ApiException;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bytes of a file a customer attached, for the reviewer who checks the evidence, the agents, and the
 * customer who owns the case; anyone else gets 404, as if it did not exist. Images and PDFs are shown in the
 * page; every other type is a download. Nothing is ever sniffed into something else.
 */
@RestController
class EvidenceController {

    private static final Logger log = LoggerFactory.getLogger(EvidenceController.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    /** Types a browser shows without running anything of the file's (the type was detected from the bytes). */
    private static final Set<String> SHOWN_INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf");

    private final EvidenceFiles files;

    EvidenceController(EvidenceFiles files) {
        this.files = files;
    }

    @Operation(summary = "The bytes of one attached file", description = "For ops and agents, and for the"
            + " customer who owns the case; 404 for anyone else. Images and PDFs inline, everything else as an"
            + " attachment; Repr-Digest carries the SHA-256 (RFC 9530), also the ETag.")
    @ApiResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/refunds/{refundId}/evidence/{sha256}")
    ResponseEntity<byte[]> file(@PathVariable String refundId, @PathVariable String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw ApiException.badRequest("sha256", "must be 64 lower-case hex digits");
        }
        Caller caller = Caller.current();
        StoredEvidence file = files.find(refundId, sha256).filter(found -> caller.mayActFor(found.customerId()))
                .orElseThrow(() -> ApiException.notFound("evidence", refundId + "/" + sha256));
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            log.info("evidence {} ({}, {} bytes) served to {}", file.fileName(), file.contentType(),
                    file.content().length, caller.subject());
        }
        boolean inline = SHOWN_INLINE.contains(file.contentType());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.fileName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                        .encodeToString(HexFormat.of().parseHex(file.sha256())) + ":")
                .eTag("\"" + file.sha256() + "\"")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(file.content());
    }
}
