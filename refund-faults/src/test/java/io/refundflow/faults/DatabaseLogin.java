package io.refundflow.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The services' own PostgreSQL login for this run: a role that owns the run's database, so that the
 * server itself can refuse it ({@code NOLOGIN} plus ending its sessions) and accept it again, without
 * touching the machine's shared server or anyone else's connections.
 */
final class DatabaseLogin implements AutoCloseable {

    private final String databaseUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final String role = "refundflow_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String password = UUID.randomUUID().toString();
    private boolean created;

    DatabaseLogin(String databaseUrl, String adminUser, String adminPassword) {
        this.databaseUrl = databaseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        String path = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        this.database = (query < 0 ? path : path.substring(0, query)).toLowerCase(Locale.ROOT);
    }

    DatabaseLogin create() {
        execute("create role " + role + " login password '" + password + "'",
                "alter database " + database + " owner to " + role);
        created = true;
        return this;
    }

    String url() {
        return databaseUrl;
    }

    String user() {
        return role;
    }

    String password() {
        return password;
    }

    /** From now on the server refuses the role's logins, and its open sessions are ended. */
    void refuse() {
        execute("alter role " + role + " nologin",
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + role + "'");
    }

    void restore() {
        execute("alter role " + role + " login");
    }

    @Override
    public void close() {
        if (!created) {
            return;
        }
        try {
            execute("alter role " + role + " nologin",
                    "select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + role + "'",
                    "reassign owned by " + role + " to " + adminUser,
                    "drop owned by " + role,
                    "drop role " + role);
            created = false;
        } catch (IllegalStateException e) {
            System.err.println("could not drop role " + role + ": " + e.getMessage());
        }
    }

    /** Runs the statements; retried for a while when the shared server has no connection slot free. */
    private void execute(String... statements) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                executeOnce(statements);
                return;
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("too many clients") || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void executeOnce(String... statements) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, adminUser, adminPassword);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }
}
