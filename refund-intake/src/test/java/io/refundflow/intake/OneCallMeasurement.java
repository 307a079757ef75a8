package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What one refund over the single call ({@code POST /api/submissions}, JSON) costs intake in PostgreSQL: the SQL
 * statements (round trips) and commits per call, by kind of thread ({@link StatementCounter}): the request
 * thread, the after-commit thread of held events, the outbox relay publishing the request (woken per commit, so
 * here, one call at a time, once per call; under load it takes many at once) and anything else. Calls are made
 * one after the other after a warm-up, each on an order of its own; an idle window of the same length is counted
 * first, so the relay's and the listeners' polling can be told apart. Prints the counts and the statements of one
 * call, and fails unless each call commits once, on its request thread, with nothing left to do after the commit.
 * Not a test (its name keeps it out of every run); run:
 * <pre>
 * mvn -pl refund-intake -am verify -Dtest=OneCallMeasurement -Dsurefire.failIfNoSpecifiedTests=false -DskipPitest \
 *     -Dmeasure.calls=50
 * </pre>
 */
@IntakeTest
@Import(StatementCounter.class)
// The decision backlog is counted once per interval on the thread of the submission that finds it due, not once
// per call (DecisionBacklog): at this test's pace, one call in five paid that count. Counted once an hour here (in
// the warm-up), the figures are the call's own.
@TestPropertySource(properties = "refund.intake.admission.undecided-sample-interval=1h")
@EnabledIfSystemProperty(named = "measure.calls", matches = "\\d+")
class OneCallMeasurement {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final int WARM_UP = 10;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void oneCallRefunds() throws InterruptedException {
        int calls = Integer.parseInt(System.getProperty("measure.calls", "50"));
        Api api = new Api(port);
        List<String[]> customers = new ArrayList<>();
        for (int i = 0; i < WARM_UP + 1 + calls; i++) {
            String customer = "c-measure-" + UUID.randomUUID();
            BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en");
            customers.add(new String[] {tokens.customer(customer), order.orderId()});
        }
        for (String[] c : customers.subList(0, WARM_UP)) {
            call(api, c);
        }
        quiet();

        long started = System.nanoTime();
        StatementCounter.reset(false);
        Thread.sleep(Math.max(1000, calls * 20L));
        long idleNanos = System.nanoTime() - started;
        print("idle " + Duration.ofNanos(idleNanos).toMillis() + " ms", 1);

        StatementCounter.reset(true);
        call(api, customers.get(WARM_UP));
        quiet();
        StatementCounter.tallies().forEach((kind, tally) -> {
            System.out.println("MEASURE one call, " + kind + ":");
            tally.sql.forEach(sql -> System.out.println("MEASURE   " + sql));
        });

        StatementCounter.reset(false);
        started = System.nanoTime();
        for (String[] c : customers.subList(WARM_UP + 1, customers.size())) {
            call(api, c);
        }
        quiet();
        print(calls + " calls in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, per call",
                calls);
        Map<String, StatementCounter.Tally> tallies = StatementCounter.tallies();
        assertThat(tallies.get("request").commits.sum()).as("commits on the request threads").isEqualTo(calls);
        assertThat(tallies).as("work after the commit: a refund id drawn by intake waits for nothing")
                .doesNotContainKey("held-events");
    }

    private static void call(Api api, String[] customer) {
        Api.Response response = api.postJson(customer[0], Api.newKey(), OpenAndSubmitTest.PATH,
                OpenAndSubmitTest.requestJson(customer[1], "UNSATISFIED"));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    /** Until the outbox is empty and the after-commit work has had its time. */
    private void quiet() throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from outbox_event",
                Integer.class) == 0);
        Thread.sleep(500);
    }

    private static void print(String what, int calls) {
        StatementCounter.tallies().forEach((kind, tally) -> System.out.printf(Locale.ROOT,
                "MEASURE %s: %-12s %6.2f statements %5.2f commits %5.2f rollbacks%n", what, kind,
                tally.statements.doubleValue() / calls, tally.commits.doubleValue() / calls,
                tally.rollbacks.doubleValue() / calls));
    }
}
