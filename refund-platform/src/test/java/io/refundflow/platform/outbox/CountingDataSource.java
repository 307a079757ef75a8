package io.refundflow.platform.outbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's PostgreSQL data source, counting what a relay built on it costs the database: the transactions
 * it commits and the statements it sends, those outside a transaction (each its own commit) apart.
 */
final class CountingDataSource extends DelegatingDataSource {

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger autocommitStatements = new AtomicInteger();

    CountingDataSource(DataSource database) {
        super(database);
    }

    int commits() {
        return commits.get();
    }

    int statements() {
        return statements.get();
    }

    int autocommitStatements() {
        return autocommitStatements.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit" -> commits.incrementAndGet();
                        case "prepareStatement", "createStatement", "prepareCall" -> {
                            statements.incrementAndGet();
                            if (connection.getAutoCommit()) {
                                autocommitStatements.incrementAndGet();
                            }
                        }
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
