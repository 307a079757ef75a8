package io.refundflow.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The system's database: the PostgreSQL server on 127.0.0.1:5432 when one answers, otherwise one the
 * launcher starts and manages itself. The {@value #DATABASE} database is made anew on every start (each
 * service keeps its own schema in it), so an earlier run's data never meets a freshly formatted broker. A
 * server it starts itself does not outlive it, even killed with SIGKILL (see {@link EmbeddedPostgresGuard}).
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "refundflow";
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = "postgres";

    private final String serverUrl;
    private final String origin;
    /** Null for a server the launcher did not start. */
    private final OwnServer own;

    private final String database;

    private LocalPostgres(String serverUrl, String origin, OwnServer own, String database) {
        this.serverUrl = serverUrl;
        this.origin = origin;
        this.own = own;
        this.database = database;
    }

    /** A server the launcher started, with the guard that stops it should the launcher die first. */
    private record OwnServer(EmbeddedPostgres server, Process guard) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            server.close();
            // the server is stopped: the guard has nothing left to do
            guard.destroy();
        }
    }

    public static LocalPostgres start(Path home, int fallbackPort) {
        return start(home, fallbackPort, DATABASE);
    }

    /**
     * Like {@link #start(Path, int)}, with another database made anew (e.g. so that a benchmark can run beside
     * a demo without dropping its database). The name must be a plain SQL identifier.
     */
    public static LocalPostgres start(Path home, int fallbackPort, String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        LocalPostgres postgres = answers(LOCAL_URL)
                ? new LocalPostgres(LOCAL_URL, "local server on 127.0.0.1:5432", null, database)
                : startEmbedded(home, fallbackPort, database);
        postgres.execute("drop database if exists " + database + " with (force)");
        postgres.execute("create database " + database);
        return postgres;
    }

    public String jdbcUrl() {
        return serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
    }

    public boolean isEmbedded() {
        return own != null;
    }

    public String user() {
        return USER;
    }

    public String origin() {
        return origin;
    }

    /** A server of the launcher's own, in {@code <home>/postgres}, guarded so that it ends with the launcher. */
    private static LocalPostgres startEmbedded(Path home, int port, String database) {
        Path dataDirectory = home.resolve("postgres");
        try {
            EmbeddedPostgresGuard.clearLeftover(dataDirectory);
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .start();
            return new LocalPostgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "embedded server started by the launcher on 127.0.0.1:" + port,
                    new OwnServer(embedded, EmbeddedPostgresGuard.watch(dataDirectory)), database);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while starting PostgreSQL");
        } catch (LaunchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("No PostgreSQL: nothing answers on 127.0.0.1:5432 and the launcher could not"
                    + " start one itself (" + e.getMessage() + "). Install and start PostgreSQL 13 or newer with"
                    + " trust auth for user postgres on 127.0.0.1:5432 — on Debian/Ubuntu run"
                    + " `bash scripts/ensure-postgres.sh` — then start again.");
        }
    }

    private static boolean answers(String url) {
        try (Connection ignored = DriverManager.getConnection(url, USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new LaunchException("PostgreSQL at " + serverUrl + " refused `" + sql + "`: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (own != null) {
            own.close();
        }
    }
}
