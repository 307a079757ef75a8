package io.refundflow.peer.operaton;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Creates the peer's own database (spring.datasource.url) on the PostgreSQL server if it is missing, before
 * the engine connects and creates its tables, so that the peer never writes into another system's database.
 * Registered in META-INF/spring.factories because it must run before the context's beans exist (and after every
 * property source, a test's too, is in place).
 */
public class PeerDatabase implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String url = env.getRequiredProperty("spring.datasource.url");
        createIfMissing(url, env.getProperty("spring.datasource.username", "postgres"),
                env.getProperty("spring.datasource.password", ""));
    }

    static void createIfMissing(String url, String user, String password) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String database = url.substring(slash + 1, query < 0 ? url.length() : query);
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("spring.datasource.url must name a plain database: " + url);
        }
        String server = url.substring(0, slash + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(server, user, password);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            // another peer may have created it at the same moment
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + database + " at " + server, e);
            }
        }
    }
}
