package io.refundflow.intake.problems;

/**
 * Text this service refuses wherever it comes from (the API's JSON, a partner's event): control characters other
 * than tab and line breaks. PostgreSQL cannot store U+0000 at all, and none of them belongs in what a person
 * writes.
 */
public final class ControlCharacters {

    public static final String REASON = "must not contain control characters";

    private ControlCharacters() {
    }

    public static boolean in(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
