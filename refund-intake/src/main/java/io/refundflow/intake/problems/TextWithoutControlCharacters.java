package io.refundflow.intake.problems;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON text the API accepts: refuses control characters other than tab and line breaks. PostgreSQL
 * cannot store U+0000 at all (it would surface as a 500), and none of them belongs in what a customer writes.
 */
final class TextWithoutControlCharacters extends StdScalarDeserializer<String> {

    static final String REASON = "must not contain control characters";

    TextWithoutControlCharacters() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && hasControlCharacter(value)) {
            throw InvalidFormatException.from(parser, REASON, value, String.class);
        }
        return value;
    }

    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
