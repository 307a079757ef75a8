package io.refundflow.intake.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileCacheImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * An image is what it says if it decodes, all of it (a decoder's warning, such as a truncated JPEG, counts as a
 * failure). Its size is read from its header first, so that a small file declaring a huge picture is refused
 * undecoded, and it is decoded subsampled to about a megapixel, so that proving it never holds the full picture.
 */
final class ImageProof implements EvidenceTypes.Proof {

    /** About what one decoded, subsampled image holds at most. */
    private static final long DECODED_PIXELS = 1_000_000;

    private final String format;
    private final long maxPixels;

    ImageProof(String format, long maxPixels) {
        this.format = format;
        this.maxPixels = maxPixels;
    }

    @Override
    public Optional<String> disproves(InputStream content) throws IOException {
        try (ImageInputStream image = new FileCacheImageInputStream(content, null)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no " + format + " decoder in this JVM");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > maxPixels) {
                    return Optional.of(width + "x" + height + " pixels is more than the limit of " + maxPixels);
                }
                String[] warning = new String[1];
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning[0] = message);
                ImageReadParam subsampled = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) width * height / DECODED_PIXELS)));
                subsampled.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, subsampled);
                return Optional.ofNullable(warning[0]).map(message -> "it does not decode (" + message + ")");
            } catch (IOException | RuntimeException e) {
                // decoders fail on broken input in many ways, checked and unchecked: each means "not this image"
                return Optional.of("it does not decode");
            } finally {
                reader.dispose();
            }
        }
    }
}
