package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.launcher.LocalPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's autovacuum switch on a real server (the machine's, or one the launcher starts), which the test
 * turns off by ALTER SYSTEM as a CI machine's configuration may have it. Whatever the server had before the test,
 * it has again after it.
 */
class AutovacuumTest {

    private static final int FALLBACK_PORT = 55_433;

    private static LocalPostgres postgres;
    private static String serverUrl;
    private static String originalRestore;

    @BeforeAll
    static void server() throws Exception {
        postgres = LocalPostgres.start(Files.createTempDirectory("autovacuum-test"), FALLBACK_PORT,
                "autovacuum_test");
        serverUrl = PostgresCommits.url(postgres.jdbcUrl(), "postgres");
        String source = query("select coalesce(sourcefile, '') || '|' || setting from pg_settings"
                + " where name = 'autovacuum'");
        originalRestore = source.contains("postgresql.auto.conf")
                ? "alter system set autovacuum = " + source.substring(source.indexOf('|') + 1)
                : "alter system reset autovacuum";
    }

    @AfterAll
    static void restoreTheServer() throws Exception {
        execute(originalRestore);
        execute("select pg_reload_conf()");
        postgres.close();
    }

    @Test
    void aServerWithAutovacuumOffRunsTheBenchmarkWithItOnAndGetsItsOffBack() throws Exception {
        // given
        execute("alter system set autovacuum = off");
        execute("select pg_reload_conf()");
        awaitSetting("off");

        // when
        String during;
        try (Autovacuum autovacuum = Autovacuum.ensureOn(postgres.jdbcUrl(), postgres.user())) {
            during = query("show autovacuum");
            assertThat(autovacuum.state()).startsWith("on for this run");
        }

        // then
        assertThat(during).isEqualTo("on");
        awaitSetting("off");
        assertThat(query("select sourcefile from pg_settings where name = 'autovacuum'"))
                .endsWith("postgresql.auto.conf");
    }

    @Test
    void aServerWithAutovacuumOnIsLeftAsItIs() throws Exception {
        // given
        execute("alter system set autovacuum = on");
        execute("select pg_reload_conf()");
        awaitSetting("on");

        // when
        try (Autovacuum autovacuum = Autovacuum.ensureOn(postgres.jdbcUrl(), postgres.user())) {
            // then
            assertThat(autovacuum.state()).isEqualTo("on (the server's setting)");
        }
        assertThat(query("show autovacuum")).isEqualTo("on");
    }

    @Test
    void asIsLeavesAServerWithAutovacuumOffAsItIsAndSaysSo() throws Exception {
        // given
        execute("alter system set autovacuum = off");
        execute("select pg_reload_conf()");
        awaitSetting("off");

        // when
        try (Autovacuum autovacuum = Autovacuum.asIs(postgres.jdbcUrl(), postgres.user())) {
            // then
            assertThat(autovacuum.state()).startsWith("**off**");
            assertThat(query("show autovacuum")).isEqualTo("off");
        }
    }

    /** A reload is signalled, not awaited: poll new sessions until they see the setting. */
    private static void awaitSetting(String expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!query("show autovacuum").equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(query("show autovacuum")).isEqualTo(expected);
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, postgres.user(), "");
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, postgres.user(), "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
