package io.refundflow.intake.evidence;

import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks evidence uploads: the content type is detected from the bytes (Apache Tika's magic-number
 * detection; the file name and the declared type are ignored) and must be on the allow-list, each file
 * must be within the per-file limit, and each gets its SHA-256 digest. The same checks for a submission's files
 * and for files added later on a reviewer's request.
 */
@Component
public class EvidenceInspector {

    private final Tika tika = new Tika();
    private final IntakeProperties.Evidence limits;

    EvidenceInspector(IntakeProperties properties) {
        this.limits = properties.evidence();
    }

    public List<EvidenceFile> inspect(List<MultipartFile> files) {
        if (files.size() > limits.maxFiles()) {
            throw ApiException.badRequest("evidence", "at most " + limits.maxFiles() + " files per upload");
        }
        List<EvidenceFile> accepted = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            String name = fileName(file, i);
            String field = "evidence[" + i + "] (" + name + ")";
            if (file.getSize() > limits.maxFileSize().toBytes()) {
                throw ApiException.tooLarge(field, file.getSize() + " bytes is more than the limit of "
                        + limits.maxFileSize().toBytes() + " bytes per file");
            }
            byte[] bytes = bytes(file);
            if (bytes.length == 0) {
                throw ApiException.badRequest(field, "empty file");
            }
            String type = tika.detect(bytes);
            if (!limits.allowedTypes().contains(type)) {
                throw ApiException.unsupportedType(field, "content detected as " + type + " is not accepted; allowed: "
                        + String.join(", ", limits.allowedTypes()));
            }
            accepted.add(new EvidenceFile(name, type, bytes, sha256(bytes)));
        }
        return accepted;
    }

    /**
     * Why a case holding {@code storedBytes} of files may not take these too, if it may not: all of a case's files,
     * over all its submissions and additions, stay within the per-case limit.
     */
    public Optional<String> overCaseLimit(long storedBytes, List<EvidenceFile> added) {
        long total = storedBytes + added.stream().mapToLong(f -> f.content().length).sum();
        long max = limits.maxCaseSize().toBytes();
        return total > max ? Optional.of("the case's attachments would total " + total
                + " bytes, more than the limit of " + max + " bytes per case") : Optional.empty();
    }

    private static String fileName(MultipartFile file, int index) {
        String original = file.getOriginalFilename();
        if (original == null || original.isBlank()) {
            return "evidence-" + (index + 1);
        }
        String base = original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (base.isEmpty()) {
            return "evidence-" + (index + 1);
        }
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
