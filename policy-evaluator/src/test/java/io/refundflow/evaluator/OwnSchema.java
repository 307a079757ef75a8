package io.refundflow.evaluator;

import io.refundflow.testsupport.RealInfrastructure;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema of one test's own in the run's database, made by the service's own migrations (the application's
 * Flyway settings with another schema), dropped on close. Every test class of the module shares the service's
 * schema, so a figure over all its rows, such as how many reviews are overdue, is other tests' figure too; in a
 * schema of its own a test knows every row that counts. Its rows are made the real way in the service's schema and
 * copied over ({@link #copy}).
 */
public final class OwnSchema implements AutoCloseable {

    private final String name;
    private final String service;
    private final JdbcTemplate jdbc;

    private OwnSchema(String name, String service, JdbcTemplate jdbc) {
        this.name = name;
        this.service = service;
        this.jdbc = jdbc;
    }

    /** Migrates a new schema as the application's {@code flyway} migrates the service's. */
    public static OwnSchema migratedLike(Flyway flyway) {
        String name = "own_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().configuration(flyway.getConfiguration())
                .schemas(name).defaultSchema(name).createSchemas(true)
                .load().migrate();
        RealInfrastructure infra = RealInfrastructure.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(infra.postgres().jdbcUrl(),
                infra.postgres().user(), infra.postgres().password());
        dataSource.setSchema(name);
        return new OwnSchema(name, flyway.getConfiguration().getSchemas()[0], new JdbcTemplate(dataSource));
    }

    /** Copies one refund's rows of these tables, in this order, from the service's schema into this one. */
    public void copy(String refundId, String... tables) {
        for (String table : tables) {
            jdbc.update("insert into " + name + "." + table + " select * from " + service + "." + table
                    + " where refund_id = ?", refundId);
        }
    }

    /** Statements on this schema only. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        jdbc.execute("drop schema " + name + " cascade");
    }
}
