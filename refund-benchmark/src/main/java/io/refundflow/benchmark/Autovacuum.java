package io.refundflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the benchmark with PostgreSQL's autovacuum on, as any production server has it. A server with it off (a CI
 * machine's configuration may say so) never analyzes the tables the services create empty, so the plans their
 * prepared statements cached while the tables were small (sequential scans) are never replaced: every refund then
 * reads whole tables, and a soak measures that instead of the system. Turning it on is a server setting
 * ({@code ALTER SYSTEM}, reloaded without a restart); {@link #close} puts the server's own setting back.
 */
final class Autovacuum implements AutoCloseable {

    private static final long RELOAD_WAIT_NANOS = 5_000_000_000L;
    private static final long RELOAD_POLL_MILLIS = 50;

    private final String serverUrl;
    private final String user;
    /** The statement that puts the server's setting back, or null when the run changed nothing. */
    private final String restore;
    private final String state;

    private Autovacuum(String serverUrl, String user, String restore, String state) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.restore = restore;
        this.state = state;
    }

    /** {@code jdbcUrl}: any database of the server. Never fails the run: what it could not do, {@link #state} says. */
    static Autovacuum ensureOn(String jdbcUrl, String user) {
        String serverUrl = PostgresCommits.url(jdbcUrl, "postgres");
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
                Statement s = c.createStatement()) {
            if (isOn(s)) {
                return new Autovacuum(serverUrl, user, null, "on (the server's setting)");
            }
            String restore = setByAlterSystem(s) ? "alter system set autovacuum = off" : "alter system reset autovacuum";
            s.execute("alter system set autovacuum = on");
            s.execute("select pg_reload_conf()");
            return new Autovacuum(serverUrl, user, restore, waitUntilOn(s)
                    ? "on for this run (the server has it off; its setting is restored at the end)"
                    : "**off**: turned on, but the server had not taken it after a reload; restored at the end");
        } catch (SQLException e) {
            return new Autovacuum(serverUrl, user, null,
                    "**off**: could not turn it on (" + e.getMessage() + "); plans cached on small tables stay");
        }
    }

    /** Leaves the server's setting as it is ({@code --autovacuum as-is}), and says what it is. */
    static Autovacuum asIs(String jdbcUrl, String user) {
        String serverUrl = PostgresCommits.url(jdbcUrl, "postgres");
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
                Statement s = c.createStatement()) {
            return new Autovacuum(serverUrl, user, null, (isOn(s) ? "on" : "**off**") + " (the server's setting,"
                    + " left as it is by --autovacuum as-is)");
        } catch (SQLException e) {
            return new Autovacuum(serverUrl, user, null, "unknown (" + e.getMessage() + ")");
        }
    }

    /** What the run had, for the report. */
    String state() {
        return state;
    }

    @Override
    public void close() {
        if (restore == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute(restore);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            System.err.println("could not restore the server's autovacuum setting: " + e.getMessage()
                    + " (run: " + restore + "; select pg_reload_conf())");
        }
    }

    /** Whether the off comes from an earlier ALTER SYSTEM (postgresql.auto.conf), which a reset would drop. */
    private static boolean setByAlterSystem(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select sourcefile from pg_settings where name = 'autovacuum'")) {
            return r.next() && r.getString(1) != null && r.getString(1).endsWith("postgresql.auto.conf");
        }
    }

    private static boolean isOn(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("show autovacuum")) {
            return r.next() && r.getString(1).equals("on");
        }
    }

    /** A reload is signalled, not awaited: a new session sees the setting once the postmaster has re-read it. */
    private static boolean waitUntilOn(Statement s) throws SQLException {
        long deadline = System.nanoTime() + RELOAD_WAIT_NANOS;
        while (!isOn(s) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RELOAD_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return isOn(s);
    }
}
