package io.refundflow.intake.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A CSV is what it says if it is UTF-8 text without control characters (but tab and line ends), its first record
 * is a header of at least two fields, and at least one more record follows with as many fields (RFC 4180:
 * comma, semicolon or tab as the separator, double quotes around fields that hold one). Read as a stream,
 * counting fields, so a large CSV is never held whole.
 */
final class CsvProof implements EvidenceTypes.Proof {

    static final String TYPE = "text/csv";
    private static final String SEPARATORS = ",;\t";

    @Override
    public Optional<String> disproves(InputStream content) throws IOException {
        Reader text = new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            return new Records(text).disproves();
        } catch (CharacterCodingException e) {
            return Optional.of("it is not UTF-8 text");
        }
    }

    /** The records of one CSV, read character by character. */
    private static final class Records {

        private final Reader text;
        private char separator;
        private int headerFields;
        private int rows;

        Records(Reader text) {
            this.text = text;
        }

        Optional<String> disproves() throws IOException {
            int record = 0;
            int fields = 1;
            boolean quoted = false;
            boolean blank = true;
            for (int c = text.read(); ; c = text.read()) {
                if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
                    if (!blank) {
                        Optional<String> wrong = record(record++, fields);
                        if (wrong.isPresent()) {
                            return wrong;
                        }
                    }
                    if (c < 0) {
                        break;
                    }
                    fields = 1;
                    blank = true;
                    continue;
                }
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    return Optional.of("it holds control characters");
                }
                blank = false;
                if (c == '"') {
                    quoted = !quoted; // an escaped quote ("") closes and reopens
                } else if (!quoted && record == 0 && separator == 0 && SEPARATORS.indexOf(c) >= 0) {
                    separator = (char) c;
                    fields++;
                } else if (!quoted && c == separator && separator != 0) {
                    fields++;
                }
            }
            if (quoted) {
                return Optional.of("a quoted field is never closed");
            }
            if (record == 0) {
                return Optional.of("it is empty");
            }
            return rows > 0 ? Optional.empty() : Optional.of("it has a header but no row");
        }

        private Optional<String> record(int index, int fields) {
            if (index == 0) {
                if (fields < 2) {
                    return Optional.of("its header has fewer than two fields separated by comma, semicolon or tab");
                }
                headerFields = fields;
                return Optional.empty();
            }
            if (fields != headerFields) {
                return Optional.of("record " + (index + 1) + " has " + fields + " fields, the header " + headerFields);
            }
            rows++;
            return Optional.empty();
        }
    }
}
