package io.refundflow.platform.retention;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A table whose rows are deleted by the {@link RetentionSweeper} once {@code ageColumn} lies more than
 * {@code keepFor} in the past. A service declares one as a bean for each table of its own that would otherwise grow
 * without bound; {@code ageColumn} should be indexed, or every sweep reads the whole table.
 */
public record RetentionRule(String table, String ageColumn, Duration keepFor) {

    /** Names go into SQL text: plain identifiers only, never anything read from outside. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public RetentionRule {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(ageColumn).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + table + "." + ageColumn);
        }
        if (keepFor.isNegative()) {
            throw new IllegalArgumentException("negative retention for " + table + ": " + keepFor);
        }
    }
}
