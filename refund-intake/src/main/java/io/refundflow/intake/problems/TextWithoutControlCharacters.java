package io.refundflow.intake.problems;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON text the API accepts: refuses {@link ControlCharacters} (U+0000 would surface as a 500).
 */
final class TextWithoutControlCharacters extends StdScalarDeserializer<String> {

    TextWithoutControlCharacters() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && ControlCharacters.in(value)) {
            throw InvalidFormatException.from(parser, ControlCharacters.REASON, value, String.class);
        }
        return value;
    }
}
