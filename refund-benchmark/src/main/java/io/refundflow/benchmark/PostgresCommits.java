package io.refundflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Committed transactions of one database so far, from PostgreSQL's statistics (pg_stat_database.xact_commit):
 * read before and after a phase, the difference over its refunds is the row's commits per refund. The server
 * collects a session's counts at its transaction ends, at most once a second (an idle session's last second can
 * come up to 10 s late), so a phase's figure is exact to within its last second's commits.
 */
final class PostgresCommits {

    private final String serverUrl;
    private final String user;

    /** {@code jdbcUrl}: any database of the server; the readings go through its postgres database. */
    PostgresCommits(String jdbcUrl, String user) {
        this.serverUrl = url(jdbcUrl, "postgres");
        this.user = user;
    }

    /** The JDBC URL of another database on the server of {@code jdbcUrl}. */
    static String url(String jdbcUrl, String database) {
        return jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + database;
    }

    long of(String database) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
                PreparedStatement q = c.prepareStatement(
                        "select xact_commit from pg_stat_database where datname = ?")) {
            q.setString(1, database);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading commits of " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database if it exists, so that a peer starts on an empty one (it creates it itself). */
    void drop(String database) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping " + database + ": " + e.getMessage(), e);
        }
    }
}
