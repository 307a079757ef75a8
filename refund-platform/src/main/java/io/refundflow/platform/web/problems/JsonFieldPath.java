package io.refundflow.platform.web.problems;

import tools.jackson.core.JacksonException;

/**
 * Where in a JSON document Jackson failed, as a client writes it: {@code items[2].amount}. Problem details
 * name this path as the field at fault, so a bad body is answered like any other invalid field.
 */
public final class JsonFieldPath {

    private JsonFieldPath() {
    }

    /** The path of the failing value, empty when the document itself (its root) failed. */
    public static String of(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The Jackson failure behind an exception (Spring wraps it in its own when reading a request body), or null
     * when the failure was not Jackson's.
     */
    public static JacksonException causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }
}
