package io.refundflow.platform.jdbc;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Rows as arrays, one per column, for the set-oriented statements that write a poll's rows at once
 * ({@code insert ... select * from unnest(?::text[], ?::timestamptz[], ...)}): one statement however many rows.
 *
 * <p>Every array is built from a {@code String[]}, never an {@code Object[]}: for a {@code String[]} the driver
 * sends the array in PostgreSQL's binary form, sized to its values, where for an {@code Object[]} it writes an
 * array literal into a 1,024-char buffer and escapes every value; intake binds some fifty such columns a request.
 */
public final class TextArrays {

    private TextArrays() {
    }

    /**
     * One column of the rows as a text array, each value written as PostgreSQL reads it back (an instant in
     * ISO-8601, an amount as its digits, an enum as its name) and a null left null: the statement casts the array to
     * the column's type.
     */
    public static <R> Array column(PreparedStatement statement, List<R> rows, Function<? super R, ?> value)
            throws SQLException {
        return text(statement, rows.stream().map(value).map(cell -> cell == null ? null : cell.toString())
                .toArray(String[]::new));
    }

    /** Values as one text array, for {@code = any(?)} and {@code unnest(?::text[])}. */
    public static Array of(PreparedStatement statement, Collection<String> values) throws SQLException {
        return text(statement, values.toArray(String[]::new));
    }

    private static Array text(PreparedStatement statement, String[] values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values);
    }
}
