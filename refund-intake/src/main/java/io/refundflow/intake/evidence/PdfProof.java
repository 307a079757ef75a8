package io.refundflow.intake.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A PDF is what it says if Apache PDFBox opens it (header, cross-reference, trailer and its objects) and it has
 * a page. PDFBox reads it from a temporary file with a file-only cache, so the document is never held whole.
 */
final class PdfProof implements EvidenceTypes.Proof {

    static final String TYPE = "application/pdf";

    @Override
    public Optional<String> disproves(InputStream content) throws IOException {
        Path copy = Files.createTempFile("evidence-", ".pdf");
        try {
            Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            try (RandomAccessReadBufferedFile file = new RandomAccessReadBufferedFile(copy);
                    PDDocument document = Loader.loadPDF(file, null, null, null,
                            IOUtils.createTempFileOnlyStreamCache())) {
                return document.getNumberOfPages() > 0 ? Optional.empty() : Optional.of("it has no page");
            } catch (IOException | RuntimeException e) {
                return Optional.of("it does not parse");
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
