package io.refundflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database and login role of their own on the tests' PostgreSQL server, so that the server itself can
 * refuse the service ({@code NOLOGIN} and its sessions ended) without touching the other tests' connections.
 */
public final class RefusableDatabase implements AutoCloseable {

    private final String role;
    private final String database;
    private final String password = UUID.randomUUID().toString();
    private final String adminUrl = RealInfrastructure.get().postgres().jdbcUrl();

    /** @param prefix names the role and the database (a random suffix follows), e.g. {@code intake_outage} */
    public RefusableDatabase(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.role = prefix + "_" + suffix;
        this.database = prefix + "_" + suffix;
        execute("create role " + role + " login password '" + password + "'");
        execute("create database " + database + " owner " + role);
    }

    public String url() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    }

    public String user() {
        return role;
    }

    public String password() {
        return password;
    }

    /** From now on the server refuses the role's logins, and its open sessions are ended. */
    public void refuse() {
        execute("alter role " + role + " nologin",
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + role + "'");
    }

    public void accept() {
        execute("alter role " + role + " login");
    }

    @Override
    public void close() {
        execute("drop database if exists " + database + " with (force)", "drop role if exists " + role);
    }

    private void execute(String... statements) {
        RealInfrastructure infra = RealInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(adminUrl, infra.postgres().user(),
                infra.postgres().password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }
}
