package io.refundflow.dashboard.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardTest;
import io.refundflow.dashboard.Http;
import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.refundflow.platform.security.DemoTokens;
import tools.jackson.databind.JsonNode;

/** A dead letter goes back to its source topic as it was, once, and the replay is visible. */
@DashboardTest
class DeadLetterReplayTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    FlowProjection projection;

    Http http;
    Map<String, String> ops;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        ops = Http.bearer(tokens.ops("ops-1"));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aReplayRepublishesTheOriginalKeyBytesAndHeadersWithoutTheCauseHeaders() {
        // given a dead letter of refund.notifications
        String key = "dl-" + UUID.randomUUID();
        byte[] payload = "{\"refundId\": broken".getBytes(StandardCharsets.UTF_8);
        String id = deadLetter("refund.notifications", key, payload);

        // when an ops reviewer replays it
        Http.Response replay = http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // then it is on refund.notifications as it was, naming the dead letter it came from
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        ConsumerRecord<String, byte[]> replayed = kafka.await("refund.notifications", KafkaTestClient.withKey(key), 1,
                WAIT).get(0);
        assertThat(replayed.value()).isEqualTo(payload);
        assertThat(KafkaTestClient.header(replayed, "ce_id")).isEqualTo("evt-" + key);
        assertThat(KafkaTestClient.header(replayed, FlowProjection.REPLAYED_FROM)).isEqualTo(id);
        assertThat(replayed.headers()).extracting(Header::key).noneMatch(name -> name.startsWith("kafka_dlt-"));
        assertThat(replay.json().get("target").asString())
                .isEqualTo("refund.notifications@" + replayed.partition() + ":" + replayed.offset());
        assertThat(replay.json().get("by").asString()).isEqualTo("ops-1");
    }

    @Test
    void aDeadLetterIsReplayedOnlyOnce() {
        // given a replayed dead letter
        String id = deadLetter("refund.notifications", "dl-" + UUID.randomUUID(), new byte[] {1, 2, 3});
        assertThat(http.post("/api/dead-letters/replay?id=" + id, ops, null).status()).isEqualTo(200);

        // when it is replayed again
        Http.Response again = http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // then
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("was replayed to refund.notifications@");
    }

    @Test
    void replayAllSendsEveryDeadLetterOfTheTopicNotReplayedYet() {
        // given two dead letters of refund.decisions, one of them already replayed
        String first = "r-" + UUID.randomUUID();
        String second = "r-" + UUID.randomUUID();
        String firstId = deadLetter("refund.decisions", first, "{}".getBytes(StandardCharsets.UTF_8));
        String secondId = deadLetter("refund.decisions", second, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(http.post("/api/dead-letters/replay?id=" + firstId, ops, null).status()).isEqualTo(200);

        // when
        Http.Response all = http.post("/api/dead-letters/replay-all?topic=refund.decisions.DLT", ops, null);

        // then the other one is replayed, the first is not sent twice (the services consuming refund.decisions
        // may dead-letter the junk again, which is a new dead letter with a replay of its own; only the replays
        // of the first dead letter are counted)
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(kafka.await("refund.decisions", replayOf(second, secondId), 1, WAIT)).hasSize(1);
        assertThat(kafka.readToEnd("refund.decisions", replayOf(first, firstId), WAIT)).hasSize(1);
        assertThat(all.json().get("replayed").findValuesAsString("target")).isNotEmpty();
        assertThat(projection.deadLetter(secondId).orElseThrow().replay()).isNotNull();
    }

    private static Predicate<ConsumerRecord<String, byte[]>> replayOf(String key, String deadLetterId) {
        return KafkaTestClient.withKey(key)
                .and(r -> deadLetterId.equals(KafkaTestClient.header(r, FlowProjection.REPLAYED_FROM)));
    }

    @Test
    void aForgedOriginalTopicHeaderCannotRedirectAReplay() {
        // given a dead letter of refund.notifications whose cause header names refund.decisions
        String key = "dl-" + UUID.randomUUID();
        String id = deadLetter("refund.notifications", key, new byte[] {7}, "refund.decisions");

        // when it is replayed
        Http.Response replay = http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // then it goes back to refund.notifications, its dead-letter topic's source, and nothing to refund.decisions
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("target").asString()).startsWith("refund.notifications@");
        assertThat(kafka.await("refund.notifications", KafkaTestClient.withKey(key), 1, WAIT)).hasSize(1);
        assertThat(kafka.readToEnd("refund.decisions", KafkaTestClient.withKey(key), WAIT)).isEmpty();
    }

    @Test
    void aPartnersRefusedRequestIsListedWithItsCauseAndGoesBackToThePartnerTopic() {
        // given a partner's request refund-intake refused (issue 24: no case, shown to ops)
        String key = "r-partner-" + UUID.randomUUID();
        String id = deadLetter("refund.requests.partner", key, "{}".getBytes(StandardCharsets.UTF_8));

        // when an ops reviewer replays it (e.g. billing has published the order since)
        Http.Response replay = http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // then it was listed with its cause, and goes back to the partners' topic, where intake checks it again
        assertThat(projection.deadLetter(id).orElseThrow().exceptionMessage()).isEqualTo("payload: malformed JSON");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(kafka.await("refund.requests.partner", KafkaTestClient.withKey(key), 1, WAIT)).hasSize(1);
    }

    @Test
    void aBillingDeadLetterIsNotReplayedOntoBillingsTopicUnlessConfigured() {
        // given a dead letter of billing.orders (the test profile lists no billing topic to replay onto)
        String key = "o-" + UUID.randomUUID();
        String id = deadLetter("billing.orders", key, "{}".getBytes(StandardCharsets.UTF_8));

        // when
        Http.Response replay = http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // then
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.json().get("detail").asString()).contains("refund.dashboard.replay.billing-topics");
        assertThat(kafka.readToEnd("billing.orders", KafkaTestClient.withKey(key), WAIT)).isEmpty();
        assertThat(projection.deadLetter(id).orElseThrow().replay()).isNull();
    }

    @Test
    void theSnapshotShowsADeadLettersCauseAndItsReplay() {
        // given a replayed dead letter
        String key = "dl-" + UUID.randomUUID();
        String id = deadLetter("refund.notifications", key, "x".getBytes(StandardCharsets.UTF_8));
        http.post("/api/dead-letters/replay?id=" + id, ops, null);

        // when
        JsonNode snapshot = http.get("/api/snapshot", ops).json();

        // then
        JsonNode letter = null;
        for (JsonNode topic : snapshot.get("deadLetters")) {
            for (JsonNode item : topic.get("items")) {
                if (id.equals(item.get("id").asString())) {
                    letter = item;
                }
            }
        }
        assertThat(letter).as("dead letter %s in the snapshot", id).isNotNull();
        assertThat(letter.get("exceptionMessage").asString()).isEqualTo("payload: malformed JSON");
        assertThat(letter.get("exceptionClass").asString()).isEqualTo("io.refundflow.events.InvalidEventException");
        assertThat(letter.get("replay").get("by").asString()).isEqualTo("ops-1");
    }

    private String deadLetter(String sourceTopic, String key, byte[] payload) {
        return deadLetter(sourceTopic, key, payload, sourceTopic);
    }

    /** Publishes a dead letter as the platform's error handler writes one; returns its id once the dashboard has it. */
    private String deadLetter(String sourceTopic, String key, byte[] payload, String originalTopicHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", "evt-" + key);
        headers.put("ce_type", "io.refundflow.refund.notified.v1");
        headers.put("kafka_dlt-original-topic", originalTopicHeader);
        headers.put("kafka_dlt-original-partition", "0");
        headers.put("kafka_dlt-original-offset", "42");
        headers.put("kafka_dlt-exception-fqcn", "io.refundflow.events.InvalidEventException");
        headers.put("kafka_dlt-exception-message", "payload: malformed JSON");
        kafka.publishRaw(sourceTopic + ".DLT", key, headers, payload);
        String[] id = new String[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<io.refundflow.dashboard.flow.Views.DeadLetter> letters = projection.unreplayed(sourceTopic + ".DLT");
            letters.stream().filter(letter -> key.equals(letter.key())).findFirst().ifPresent(l -> id[0] = l.id());
            return id[0] != null;
        });
        return id[0];
    }
}
