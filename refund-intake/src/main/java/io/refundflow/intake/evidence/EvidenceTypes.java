package io.refundflow.intake.evidence;

import io.refundflow.intake.settings.IntakeProperties;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a file is, from its bytes alone: Apache Tika's magic-number detection names a candidate type (the file name
 * and the declared type are ignored), and the file counts as that type only once its bytes prove it: an image
 * decodes, a PDF parses, a CSV has a header and a row. Every proof reads the upload as a stream.
 */
@Component
class EvidenceTypes {

    /** Text has no magic number: a text file is a CSV candidate, and must prove it. */
    private static final Map<String, String> CANDIDATES = Map.of("text/plain", CsvProof.TYPE);

    private final Tika tika = new Tika();
    private final List<String> allowed;
    /** What each provable type must show; a type without a proof can never be allowed. */
    private final Map<String, Proof> proofs;

    EvidenceTypes(IntakeProperties properties) {
        long maxImagePixels = properties.evidence().maxImagePixels();
        this.proofs = Map.of(
                "image/png", new ImageProof("png", maxImagePixels),
                "image/jpeg", new ImageProof("jpeg", maxImagePixels),
                PdfProof.TYPE, new PdfProof(),
                CsvProof.TYPE, new CsvProof());
        this.allowed = properties.evidence().allowedTypes();
        List<String> unprovable = allowed.stream().filter(type -> !proofs.containsKey(type)).toList();
        if (!unprovable.isEmpty()) {
            throw new IllegalStateException("refund.intake.evidence.allowed-types names " + unprovable
                    + ", which no proof exists for; provable types: " + proofs.keySet());
        }
    }

    /** A file's type as proven by its bytes. */
    sealed interface Verdict permits Proven, Refused {
    }

    record Proven(String type) implements Verdict {
    }

    record Refused(String reason) implements Verdict {
    }

    /** A check that a file's bytes are what a type says; the reason if they are not. */
    interface Proof {
        Optional<String> disproves(InputStream content) throws IOException;
    }

    Verdict of(MultipartFile file) throws IOException {
        String detected;
        try (InputStream in = new BufferedInputStream(file.getInputStream())) {
            detected = tika.detect(in);
        }
        String candidate = CANDIDATES.getOrDefault(detected, detected);
        if (!allowed.contains(candidate)) {
            return new Refused("content detected as " + detected + " is not accepted; allowed: "
                    + String.join(", ", allowed));
        }
        try (InputStream in = new BufferedInputStream(file.getInputStream())) {
            Optional<String> disproved = proofs.get(candidate).disproves(in);
            return disproved.<Verdict>map(reason -> new Refused("not a valid " + candidate + ": " + reason))
                    .orElseGet(() -> new Proven(candidate));
        }
    }
}
