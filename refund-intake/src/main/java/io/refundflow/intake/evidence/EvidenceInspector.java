package io.refundflow.intake.evidence;

import io.refundflow.intake.cases.CaseChange;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks evidence uploads: each file's size against the per-file limit before a byte of it is read, then its
 * type, detected and proven from its bytes ({@link EvidenceTypes}: only a file that is what its type says counts
 * as evidence), and its SHA-256 digest; then the case's and the customer's stored evidence against their limits.
 * Every file is read as a stream from the container's temporary file. The same checks for a submission's files and
 * for files added later on a reviewer's request.
 */
@Component
public class EvidenceInspector {

    private final EvidenceTypes types;
    private final EvidenceFiles files;
    private final Clock clock;
    private final IntakeProperties.Evidence limits;

    EvidenceInspector(EvidenceTypes types, EvidenceFiles files, Clock clock, IntakeProperties properties) {
        this.types = types;
        this.files = files;
        this.clock = clock;
        this.limits = properties.evidence();
    }

    public List<EvidenceFile> inspect(List<MultipartFile> uploads) {
        if (uploads.size() > limits.maxFiles()) {
            throw ApiException.badRequest("evidence", "at most " + limits.maxFiles() + " files per upload");
        }
        List<EvidenceFile> accepted = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            MultipartFile upload = uploads.get(i);
            String name = fileName(upload, i);
            String field = "evidence[" + i + "] (" + name + ")";
            long size = upload.getSize();
            if (size > limits.maxFileSize().toBytes()) {
                throw ApiException.tooLarge(field, size + " bytes is more than the limit of "
                        + limits.maxFileSize().toBytes() + " bytes per file");
            }
            if (size == 0) {
                throw ApiException.badRequest(field, "empty file");
            }
            try {
                EvidenceTypes.Verdict verdict = types.of(upload);
                if (verdict instanceof EvidenceTypes.Refused refused) {
                    throw ApiException.unsupportedType(field, refused.reason()
                            + "; a file counts as evidence only if it is what its type says");
                }
                String type = ((EvidenceTypes.Proven) verdict).type();
                accepted.add(new EvidenceFile(name, type, size, sha256(upload), upload));
            } catch (IOException e) {
                throw new UncheckedIOException("upload " + field + " could not be read", e);
            }
        }
        return accepted;
    }

    /**
     * Why the case may not take these files too, if it may not: all of a case's files, over all its submissions
     * and additions, stay within the per-case limit (413), and all files a customer stored within the window, over
     * all their cases, within the per-customer limit (429). Locks the customer's evidence until the transaction
     * ends, so that two uploads of one customer cannot both pass the quota; call it last, right before storing.
     */
    public Optional<CaseChange> overLimits(RefundCase c, List<EvidenceFile> added) {
        long adding = added.stream().mapToLong(EvidenceFile::size).sum();
        if (adding == 0) {
            return Optional.empty(); // no files: the case's and the customer's totals stay as they are
        }
        long caseTotal = files.bytesOfCase(c.caseId()) + adding;
        long maxCase = limits.maxCaseSize().toBytes();
        if (caseTotal > maxCase) {
            return Optional.of(new CaseChange.TooLarge("evidence", "the case's attachments would total " + caseTotal
                    + " bytes, more than the limit of " + maxCase + " bytes per case"));
        }
        files.lockCustomer(c.customerId());
        long customerTotal = files.bytesOfCustomer(c.customerId(), clock.instant().minus(limits.customerWindow()))
                + adding;
        long maxCustomer = limits.maxCustomerSize().toBytes();
        if (customerTotal > maxCustomer) {
            return Optional.of(new CaseChange.OverQuota("evidence", "the customer's attachments would total "
                    + customerTotal + " bytes within " + limits.customerWindow().toDays() + " days, more than the"
                    + " limit of " + maxCustomer + " bytes per customer"));
        }
        return Optional.empty();
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

    private static String sha256(MultipartFile upload) throws IOException {
        try (DigestInputStream in = new DigestInputStream(upload.getInputStream(),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
