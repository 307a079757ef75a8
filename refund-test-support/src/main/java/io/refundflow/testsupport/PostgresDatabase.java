package io.refundflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for this test run, on a server from the environment, a container, or the
 * local server on 127.0.0.1:5432. Dropped when the JVM exits.
 *
 * @param adminUrl JDBC URL of the server's database this one is created and dropped from
 * @param database the fresh database's name, unique to this run
 * @param origin   where the server came from, for the log
 * @param stopper  stops what was started for the tests (nothing for a server from the environment)
 */
public record PostgresDatabase(String adminUrl, String user, String password, String database, String origin,
        Runnable stopper) {

    /** JDBC URL of a server database the tests may connect to and run CREATE DATABASE on. */
    public static final String URL_ENV = "REFUND_TEST_PG_URL";
    public static final String USER_ENV = "REFUND_TEST_PG_USER";
    public static final String PASSWORD_ENV = "REFUND_TEST_PG_PASSWORD";
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String IMAGE = "postgres:17-alpine";

    static PostgresDatabase create(boolean docker) {
        PostgresDatabase server = server(docker, freshName());
        server.execute("create database " + server.database);
        return server;
    }

    private static PostgresDatabase server(boolean docker, String database) {
        String explicit = System.getenv(URL_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return new PostgresDatabase(explicit, envOr(USER_ENV, "postgres"), envOr(PASSWORD_ENV, ""), database,
                    "environment " + URL_ENV, () -> { });
        }
        if (docker) {
            PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
            container.start();
            return new PostgresDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    database, "testcontainers " + IMAGE, container::stop);
        }
        return new PostgresDatabase(LOCAL_URL, "postgres", "", database, "local server", () -> { });
    }

    private static String freshName() {
        return "refundflow_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    }

    public String jdbcUrl() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    void drop() {
        try {
            execute("drop database if exists " + database + " with (force)");
        } catch (IllegalStateException e) {
            // the server may already be gone at JVM exit; the database name is unique, so nothing leaks into other runs
        }
        stopper.run();
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for the tests at " + adminUrl + " (" + origin + "): "
                    + e.getMessage() + ". Start the local server (e.g. `pg_ctlcluster <version> main start`, or"
                    + " `apt-get install postgresql` where it is missing) with trust auth for user postgres on"
                    + " 127.0.0.1:5432, or set " + URL_ENV + " (and " + USER_ENV + ", " + PASSWORD_ENV + ") to a"
                    + " server where the tests may create a database, or make a Docker engine available.", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
