package io.refundflow.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
@WithRealInfrastructure
class RetentionSweepTest {

    /** Kafka's default log.retention.hours (168), which every refund topic and its DLT keep. */
    private static final Duration TOPIC_RETENTION = Duration.ofDays(7);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    RetentionProperties properties;
    @Autowired
    RetentionSweeper sweeper;
    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void processedIdsOutliveEveryRedelivery() {
        // an event is on its topic for TOPIC_RETENTION after another group processed it, and a dashboard replay of
        // its dead letter re-publishes it, id unchanged, up to TOPIC_RETENTION after it was dead-lettered
        assertThat(properties.processedEvents()).isGreaterThan(TOPIC_RETENTION.multipliedBy(2));
    }

    @Test
    void processedIdsPastTheirRetentionGoAndYoungerOnesStay() {
        Duration retention = properties.processedEvents();
        String old = processedAt(retention.plusHours(1));
        String young = processedAt(retention.minusHours(1));

        sweeper.sweep();

        assertThat(processedIds(old, young)).containsExactly(young);
    }

    @Test
    void anEventRedeliveredWithinRetentionIsStillIgnoredAfterASweep() {
        // a dead letter replayed a day before its id's retention ends: the sweep must leave the id, or the replay
        // would act a second time
        String replayed = processedAt(properties.processedEvents().minusDays(1));

        sweeper.sweep();

        assertThat(processedEvents.firstDelivery(replayed)).as("a replay within retention is a first delivery")
                .isFalse();
    }

    @Test
    void eachStatementDeletesAtMostOneBatchAndTheSweepGoesOnUntilNothingIsOld() {
        jdbc.execute("drop table if exists retention_probe, retention_probe_statements");
        jdbc.execute("create table retention_probe (id int primary key, created_at timestamptz not null)");
        jdbc.execute("create table retention_probe_statements (seq serial, deleted int)");
        // counts the rows of each delete statement: the size of every batch as PostgreSQL saw it
        jdbc.execute("""
                create function retention_probe_count() returns trigger language plpgsql as $$
                begin insert into retention_probe_statements (deleted) select count(*) from gone; return null; end $$""");
        jdbc.execute("""
                create trigger retention_probe_count after delete on retention_probe referencing old table as gone
                for each statement execute function retention_probe_count()""");
        Instant now = clock.instant();
        for (int id = 1; id <= 9; id++) {
            Instant createdAt = id <= 7 ? now.minus(Duration.ofDays(2)) : now.minus(Duration.ofHours(1));
            jdbc.update("insert into retention_probe values (?, ?)", id, Timestamp.from(createdAt));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetentionSweeper sweeper = new RetentionSweeper(jdbc, clock,
                List.of(new RetentionRule("retention_probe", "created_at", Duration.ofDays(1))),
                new RetentionProperties(Duration.ofDays(30), 3, Duration.ofMinutes(10)), meters);
        try {
            Map<String, Long> deleted = sweeper.sweep();

            assertThat(deleted).containsExactly(Map.entry("retention_probe", 7L));
            assertThat(jdbc.queryForList("select id from retention_probe order by id", Integer.class))
                    .containsExactly(8, 9);
            assertThat(jdbc.queryForList("select deleted from retention_probe_statements order by seq", Integer.class))
                    .containsExactly(3, 3, 1);
            assertThat(meters.get("refund.retention.deleted").tag("table", "retention_probe").counter().count())
                    .isEqualTo(7.0);
        } finally {
            jdbc.execute("drop table retention_probe, retention_probe_statements");
            jdbc.execute("drop function retention_probe_count()");
        }
    }

    private String processedAt(Duration ago) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into processed_event (event_id, processed_at) values (?, ?)", id,
                Timestamp.from(clock.instant().minus(ago)));
        return id;
    }

    private List<String> processedIds(String... ids) {
        return jdbc.queryForList("select event_id from processed_event where event_id = any(?) order by processed_at",
                String.class, (Object) ids);
    }
}
