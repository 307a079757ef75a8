package io.refundflow.intake.problems;

import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.JsonFieldPath;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Which field of a JSON body could not be read, and why, in the client's terms (an enum's allowed values, "integer"
 * rather than a Java type); for {@link ApiExceptionHandler}. In a multipart submission the JSON is the
 * {@code application} part, so its fields are named under it.
 */
final class UnreadableFields {

    private UnreadableFields() {
    }

    static InvalidField of(HttpMessageNotReadableException ex, boolean multipart) {
        String prefix = multipart ? "application." : "";
        JacksonException jackson = JsonFieldPath.causeOf(ex);
        if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return new InvalidField(prefix + path(invalid), "'" + invalid.getValue() + "' is not one of " + allowed);
        } else if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            // the value itself is not echoed: it is what the client must not send
            return new InvalidField(prefix + path(invalid), ControlCharacters.REASON);
        } else if (jackson instanceof InvalidFormatException invalid) {
            return new InvalidField(prefix + path(invalid), "'" + invalid.getValue() + "' is not a valid "
                    + simpleName(invalid.getTargetType()));
        } else if (jackson instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new InvalidField(prefix + path(mismatched), "wrong type, expected "
                    + simpleName(mismatched.getTargetType()));
        } else if (jackson instanceof StreamReadException || jackson != null) {
            return new InvalidField(prefix.isEmpty() ? "body" : "application", "malformed JSON");
        }
        return new InvalidField(prefix.isEmpty() ? "body" : "application", "missing or unreadable");
    }

    /** A Java type as a client knows it. */
    static String simpleName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (type == String.class) {
            return "string";
        }
        return type.getSimpleName();
    }

    /** The JSON path of the failing value; a failure of the whole document is the body's. */
    private static String path(JacksonException e) {
        String path = JsonFieldPath.of(e);
        return path.isEmpty() ? "body" : path;
    }
}
