package io.refundflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact row count of every table of every service schema of one database ({@code schema.table}), for the
 * soak. {@code count(*)} rather than {@code pg_stat_user_tables.n_live_tup}: the statistics lag by up to a
 * stats flush and, for a table that is inserted into and deleted from all the time (the outbox), drift until the
 * next vacuum, so a small bounded table could look as if it grew. A sequential count of even the largest table
 * after a 30-minute soak (a few hundred thousand rows) takes milliseconds, once per interval.
 */
final class TableRows {

    private final String url;
    private final String user;

    TableRows(String jdbcUrl, String user) {
        this.url = jdbcUrl;
        this.user = user;
    }

    Map<String, Long> count() {
        try (Connection c = DriverManager.getConnection(url, user, "");
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            // Flyway's history is the schema's version, not data the services keep
            try (ResultSet r = s.executeQuery("select quote_ident(schemaname) || '.' || quote_ident(relname)"
                    + " from pg_stat_user_tables where relname <> 'flyway_schema_history'"
                    + " order by schemaname, relname")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    rows.put(table, r.getLong(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("counting the rows of " + url + ": " + e.getMessage(), e);
        }
    }
}
