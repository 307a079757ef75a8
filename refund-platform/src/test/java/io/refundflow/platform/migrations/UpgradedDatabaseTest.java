package io.refundflow.platform.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.WithRealInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's migrations are numbered V0_x, below every service's own. A database kept across an upgrade (the
 * docker compose volume) already has the service's V1..Vn when a new platform migration arrives; the platform's
 * defaults must let Flyway apply it there, or the service would refuse to start on that database.
 */
@SpringBootTest
@WithRealInfrastructure
class UpgradedDatabaseTest {

    private static final String PLATFORM_MIGRATION = "0.3";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewPlatformMigrationReachesADatabaseThatHasTheServicesOwnMigrations() {
        // given a schema migrated before the platform's V0_3 existed, with the service's own V1 applied after V0_2
        String schema = "upgraded_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        flyway(schema, false).migrate();
        jdbc.update("delete from " + schema + ".flyway_schema_history where version = ?", PLATFORM_MIGRATION);
        jdbc.execute("drop index " + schema + ".processed_event_age");

        // when the upgraded service starts with the platform's Flyway settings
        flyway(schema, platformDefaultOutOfOrder()).migrate();

        // then the platform's new migration was applied
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where schemaname = ? and indexname = ?",
                Integer.class, schema, "processed_event_age")).isEqualTo(1);
        jdbc.execute("drop schema " + schema + " cascade");
    }

    private Flyway flyway(String schema, boolean outOfOrder) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/platform", "classpath:db/billing", "classpath:db/upgraded-service")
                .outOfOrder(outOfOrder).load();
    }

    private static boolean platformDefaultOutOfOrder() {
        try (InputStream in = UpgradedDatabaseTest.class.getResourceAsStream("/refund-platform-defaults.properties")) {
            Properties defaults = new Properties();
            defaults.load(in);
            return Boolean.parseBoolean(defaults.getProperty("spring.flyway.out-of-order"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
