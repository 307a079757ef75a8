package io.refundflow.platform.web.problems;

import java.util.List;
import java.util.stream.Collectors;

/** One offending input of a refused request: the field (or header, part, parameter) and why. */
public record InvalidField(String field, String reason) {

    /** {@code field: reason}, the form a problem's detail names it in. */
    public String describe() {
        return field + ": " + reason;
    }

    /** Each input described, joined by {@code "; "}. */
    public static String describe(List<InvalidField> fields) {
        return fields.stream().map(InvalidField::describe).collect(Collectors.joining("; "));
    }
}
