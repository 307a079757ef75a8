package io.refundflow.platform.web.problems;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Which field of a JSON body could not be read, and why, in the client's terms (an enum's allowed values,
 * "integer" rather than a Java type); for {@link ApiProblemHandler}. A body that is one part of a multipart
 * request names its fields under that part.
 */
public final class UnreadableFields {

    private UnreadableFields() {
    }

    /**
     * @param part the name of the multipart part the JSON was, or null when it was the whole body
     */
    public static InvalidField of(HttpMessageNotReadableException ex, String part) {
        String prefix = part == null ? "" : part + ".";
        String whole = part == null ? "body" : part;
        JacksonException jackson = JsonFieldPath.causeOf(ex);
        if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return new InvalidField(prefix + path(invalid), "'" + invalid.getValue() + "' is not one of " + allowed);
        } else if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            // a text a service's deserializer refused: its reason, not the value, which the client must not send
            return new InvalidField(prefix + path(invalid), invalid.getOriginalMessage());
        } else if (jackson instanceof InvalidFormatException invalid) {
            return new InvalidField(prefix + path(invalid), "'" + invalid.getValue() + "' is not a valid "
                    + simpleName(invalid.getTargetType()));
        } else if (jackson instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new InvalidField(prefix + path(mismatched), "wrong type, expected "
                    + simpleName(mismatched.getTargetType()));
        } else if (jackson != null && !(jackson instanceof StreamReadException)
                && jackson.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null
                && !jackson.getPath().isEmpty()) {
            // a value's own constructor refused it (a record's compact constructor): its words
            return new InvalidField(prefix + path(jackson), refused.getMessage());
        } else if (jackson != null) {
            return new InvalidField(whole, "malformed JSON");
        }
        return new InvalidField(whole, "missing or unreadable");
    }

    /** A Java type as a client knows it. */
    public static String simpleName(Class<?> type) {
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
