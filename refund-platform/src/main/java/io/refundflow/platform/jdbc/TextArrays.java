package io.refundflow.platform.jdbc;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Rows as arrays, one per column, for the set-oriented statements that write a poll's rows at once
 * ({@code insert ... select * from unnest(?::text[], ?::timestamptz[], ...)}): one statement however many rows.
 */
public final class TextArrays {

    private TextArrays() {
    }

    /**
     * One column of the rows as a text array, each value written as PostgreSQL reads it back (an instant in
     * ISO-8601, an amount as its digits, an enum as its name) and a null left null: the statement casts the array to
     * the column's type.
     */
    public static <R> Array column(PreparedStatement statement, List<R> rows, Function<R, ?> value)
            throws SQLException {
        return statement.getConnection().createArrayOf("text", rows.stream().map(value)
                .map(cell -> cell == null ? null : cell.toString()).toArray());
    }
}
