package io.refundflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EventType;
import io.refundflow.events.Topics;
import io.refundflow.launcher.KafkaAccess;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.Emails;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing lost, nothing duplicated, nobody let in: a steady stream of refunds through the real system (each
 * service its own JVM, a real broker process, PostgreSQL, SMTP) while every part fails in turn and hostile
 * events and requests arrive; then every accepted refund must have exactly one decision and one email, every
 * malformed event a dead letter with its cause, no hostile request a 5xx or another customer's data, and
 * every service must be healthy again. Prints a summary and writes it to {@code target/faults-summary.md}.
 *
 * <p>The CI variant fits the build's time budget; {@code -Drefund.faults.long=true} runs the long one.
 */
class FaultAndAbuseSuiteTest {

    /** Events on refund.decisions that tell (and are emailed) without deciding: at most one decision besides them. */
    private static final Set<String> NOTICES = Set.of(EventType.EVIDENCE_REQUESTED.ceType(),
            EventType.REVIEW_OVERDUE.ceType());

    /** Partner requests sent at once before an instance is killed: a backlog of several polls per instance. */
    private static final int BURST = 40;
    /** How long to wait for the instance to be inside its work before it is killed regardless. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(30);

    private final FaultSettings settings = FaultSettings.fromEnvironment();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
            + UUID.randomUUID().toString().substring(0, 4);
    private final Ledger ledger = new Ledger();
    private final DemoTokens tokens = new DemoTokens(SystemUnderTest.JWT_SECRET.getBytes(StandardCharsets.UTF_8),
            null, Duration.ofHours(2), Clock.systemUTC());

    @Test
    @Timeout(value = 40, unit = java.util.concurrent.TimeUnit.MINUTES)
    void underFaultsAndAbuseNothingIsLostNothingDuplicatedNobodyLetIn() throws Exception {
        long began = System.currentTimeMillis();
        SystemUnderTest system = SystemUnderTest.start();
        try (system; EventPublisher publisher = new EventPublisher(system.harness())) {
            RefundStream stream = new RefundStream(system, publisher, ledger, settings, tokens, run);
            HostileEvents hostileEvents = new HostileEvents(run);
            ForgedEvents forged = new ForgedEvents(run);
            HostileHttp hostileHttp = new HostileHttp(system, ledger, tokens, run);
            MoneyControlAttacks moneyControls = new MoneyControlAttacks(system, tokens, run);
            say("broker up, topics made; publishing billing orders");
            int orders = stream.publishOrders(settings.longVariant() ? 8000 : 1500);
            hostileEvents.publishOrders(publisher);
            forged.publishOrders(publisher);
            hostileHttp.publishOrders(publisher);
            moneyControls.publishOrders(publisher);
            say("starting services");
            system.startServices();
            awaitConsumed(system.harness(), Topics.BILLING_ORDERS, List.of("refund-intake", "policy-evaluator"),
                    Duration.ofSeconds(90));
            long ready = System.currentTimeMillis();
            say("services healthy, billing data read; stream starts");

            List<String> watched = new ArrayList<>(List.of(Topics.DECISIONS));
            HostileEvents.TOPICS.forEach(t -> watched.add(Topics.deadLetter(t)));
            try (TopicWatcher watcher = new TopicWatcher(system.harness(), watched);
                    InstanceKill instanceKill = new InstanceKill(system)) {
                stream.start();
                long streamStart = System.currentTimeMillis();

                // abuse, while the notifier crashes and SMTP goes away (neither touches intake's HTTP answers)
                java.util.concurrent.ExecutorService abuse = java.util.concurrent.Executors.newFixedThreadPool(2);
                java.util.concurrent.Future<?> http = abuse.submit(() -> {
                    long t0 = System.currentTimeMillis();
                    hostileHttp.runAll();
                    ledger.fault("hostile HTTP (" + hostileHttp.probes.size() + " requests)", t0, "");
                    say("done: hostile HTTP");
                    long t2 = System.currentTimeMillis();
                    try (EventPublisher partner = new EventPublisher(system.connectionOf(KafkaAccess.PARTNER))) {
                        moneyControls.runAll(partner);
                    }
                    ledger.fault("money controls attacked (exchange cash, split four eyes, machine reviewer,"
                            + " partner words and lock-out)", t2, "");
                    say("done: money controls");
                });
                java.util.concurrent.Future<?> events = abuse.submit(() -> {
                    long t0 = System.currentTimeMillis();
                    hostileEvents.publishAll(publisher, ledger);
                    ledger.fault("hostile events (" + hostileEvents.malformed.size() + " malformed, "
                            + hostileEvents.duplicates.size() + " duplicated deliveries)", t0, "");
                    say("done: hostile events");
                    long t1 = System.currentTimeMillis();
                    forged.publishAll(system, publisher, ledger);
                    ledger.fault("forged but valid events (" + forged.outsiderWrites.size() + " outsider writes,"
                            + " a backdated request, claimed evidence, a forged decision to " + ForgedEvents.ATTACKER
                            + ")", t1, "");
                    say("done: forged events");
                });
                List<InstanceKill.Result> kills = new ArrayList<>();
                kills.add(killOneInstance(system, instanceKill, stream, "notifier", Topics.DECISIONS,
                        "during the hostile requests"));
                long t = System.currentTimeMillis();
                system.smtpAway(settings.smtpAway());
                ledger.fault("SMTP server away", t, settings.longVariant() ? "" : "CI variant: "
                        + settings.smtpAway().toSeconds() + " s; the long variant takes it away for 60 s");
                say("done: SMTP back");
                http.get(5, java.util.concurrent.TimeUnit.MINUTES);
                events.get(5, java.util.concurrent.TimeUnit.MINUTES);
                abuse.shutdown();

                pause(settings.settle());
                kills.add(killOneInstance(system, instanceKill, stream, "refund-intake", Topics.PARTNER_REQUESTS,
                        "the HTTP stream falls over to the other instance"));
                pause(settings.settle());
                kills.add(killOneInstance(system, instanceKill, stream, "policy-evaluator", Topics.REQUESTS, ""));
                pause(settings.settle());
                t = System.currentTimeMillis();
                system.kafka.restart(Duration.ofSeconds(120));
                ledger.fault("Kafka broker stop (SIGTERM) and restart on its data", t, "");
                say("done: broker restarted");

                pause(settings.settle());
                t = System.currentTimeMillis();
                system.database.refuse();
                pause(settings.pgRefusal());
                system.database.restore();
                ledger.fault("PostgreSQL refuses the services' login (NOLOGIN + sessions ended)", t, "");
                say("done: PostgreSQL accepts logins again");

                pause(settings.tail());
                say("stopping the stream");
                stream.stop();
                say("stream stopped; draining");
                long streamEnd = System.currentTimeMillis();

                UnconfirmedResends unconfirmed = new UnconfirmedResends(system, tokens.ops("ops-1"));
                Outcome outcome = drain(system, watcher, hostileEvents, unconfirmed);
                boolean healthy = awaitHealthy(system, Duration.ofSeconds(60));
                MoneyInvariant.Result money = MoneyInvariant.check(system.harness(), ledger.accepted.keySet());
                List<String> forgedLetIn = forgedLetIn(system, watcher, forged);
                moneyControls.checkMail(system.mail());
                forgedLetIn.addAll(moneyControls.attempts.stream().filter(a -> a.successes() > 0)
                        .map(a -> a.attack() + ": " + a.outcome()).toList());
                forgedLetIn.addAll(moneyControls.notMade.stream().map(a -> "not attacked, so not shown stopped: " + a)
                        .toList());
                String summary = summary(outcome, money, hostileEvents, hostileHttp, healthy, orders,
                        (ready - began) / 1000.0, (streamEnd - streamStart) / 1000.0,
                        (System.currentTimeMillis() - streamEnd) / 1000.0, (System.currentTimeMillis() - began) / 1000.0)
                        + instancesSummary(system, kills) + forgedSummary(forged, moneyControls, forgedLetIn);
                System.out.println(summary);
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "faults-summary.md"), summary);

                assertThat(ledger.accepted).as("refunds accepted").isNotEmpty();
                assertThat(outcome.lostDecision).as("accepted refunds without a decision").isEmpty();
                assertThat(outcome.duplicatedDecision).as("accepted refunds with more than one decision").isEmpty();
                assertThat(outcome.wrongOutcome).as("accepted refunds decided otherwise than the policy says").isEmpty();
                assertThat(outcome.lostEmail).as("decisions without an email").isEmpty();
                assertThat(outcome.duplicatedEmail).as("decisions emailed more than once").isEmpty();
                assertThat(outcome.resendProblems).as("UNCONFIRMED emails ops could not resend").isEmpty();
                assertThat(outcome.duplicateDeliveryProblems).as("valid events delivered twice").isEmpty();
                assertThat(outcome.notDeadLettered).as("malformed events missing from their dead-letter topic")
                        .isEmpty();
                assertThat(outcome.hostileEffects).as("malformed events that had an effect").isEmpty();
                assertThat(hostileHttp.probes.stream().filter(p -> !p.ok()).map(Object::toString).toList())
                        .as("hostile requests answered with a 5xx, no answer, an unexpected status or another"
                                + " customer's data").isEmpty();
                assertThat(money.violations()).as("orders with approved − released above paid").isEmpty();
                assertThat(forgedLetIn).as("forged but valid events that got through").isEmpty();
                assertThat(ledger.streamServerErrorsOtherThan503())
                        .as("HTTP stream answers 5xx other than 503 (a dependency outage), by status").isEmpty();
                assertThat(money.ordersChecked()).as("orders whose money was checked").isPositive();
                assertThat(healthy).as("every service instance healthy at the end").isTrue();
                assertThat(kills.stream().filter(kill -> !kill.survivorTookOver()).map(InstanceKill.Result::instance)
                        .toList()).as("killed instances whose partitions the survivor did not take over and catch up on")
                        .isEmpty();
                // Whether a kill landed inside a batch is reported in the summary, not required: on a quiet machine
                // an instance can commit a whole burst before the kill (seen in CI: 0 records uncommitted), and a
                // suite that fails on the machine being fast would fail on nothing the system did.
            }
        }
    }

    /**
     * Kills the second instance of the service inside its work on the topic (after a burst, so that it has a
     * backlog), waits for the first to take its partitions over and catch up, and starts the second again.
     */
    private InstanceKill.Result killOneInstance(SystemUnderTest system, InstanceKill instanceKill, RefundStream stream,
            String service, String topic, String note) throws Exception {
        long t = System.currentTimeMillis();
        String victim = SystemUnderTest.instance(service, "b");
        String survivor = SystemUnderTest.instance(service, "a");
        stream.burst(BURST);
        InstanceKill.Result result = instanceKill.killInsideItsWork(service, topic, victim, survivor, KILL_PATIENCE);
        system.start(victim);
        ledger.fault("SIGKILL " + victim + " after a burst of " + BURST + " partner requests; " + survivor
                + " carries on; " + victim + " started again", t, result.describe() + (note.isEmpty() ? "" : "; " + note));
        say("done: " + victim + " killed, " + survivor + " took over, " + victim + " back");
        return result;
    }

    private static String instancesSummary(SystemUnderTest system, List<InstanceKill.Result> kills) {
        StringBuilder s = new StringBuilder("## Instances: two of each service, one of each killed\n\n");
        s.append("| s after the system was made | instance | what |\n|---:|---|---|\n");
        system.lifecycle.forEach(event -> s.append("| ").append(fmt(event.atSeconds())).append(" | ")
                .append(event.instance()).append(" | ").append(event.what()).append(" |\n"));
        s.append("\n| killed | inside a batch (records not committed at the kill) | partitions | survivor held them"
                + " after | survivor caught up after |\n|---|---:|---|---:|---:|\n");
        kills.forEach(kill -> s.append("| ").append(kill.instance()).append(" on ").append(kill.topic()).append(" | ")
                .append(kill.midBatch() ? "yes (" + kill.uncommittedAtKill() + ")" : "no (0)").append(" | ")
                .append(kill.partitions()).append(" | ").append(kill.survivorTookOver()
                        ? fmt(kill.takeoverSeconds()) + " s | " + fmt(kill.caughtUpSeconds()) + " s" : "**NO** | **NO**")
                .append(" |\n"));
        s.append("\n");
        return s.toString();
    }

    /** What got through of the forged events: each must have been stopped somewhere. */
    private static List<String> forgedLetIn(SystemUnderTest system, TopicWatcher watcher, ForgedEvents forged) {
        List<String> letIn = new ArrayList<>();
        forged.outsiderWrites.stream().filter(write -> !write.refused())
                .forEach(write -> letIn.add("outsider write to " + write.topic() + ": " + write.answer()));
        for (MimeMessage message : system.mail()) {
            try {
                for (jakarta.mail.Address to : message.getAllRecipients()) {
                    if (to.toString().contains(ForgedEvents.ATTACKER)) {
                        letIn.add("email to " + to + ": " + message.getSubject());
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                letIn.add("unreadable email: " + e);
            }
        }
        if (watcher.seen(Topics.deadLetter(Topics.DECISIONS)).stream()
                .noneMatch(dead -> forged.forgedDecision.equals(dead.key()))) {
            letIn.add("forged decision " + forged.forgedDecision + " not dead-lettered");
        }
        return letIn;
    }

    private static String forgedSummary(ForgedEvents forged, MoneyControlAttacks moneyControls, List<String> letIn) {
        StringBuilder s = new StringBuilder("## Forged but valid events\n\n| attempt | what stopped it |\n|---|---|\n");
        forged.outsiderWrites.forEach(write -> s.append("| partner writes ").append(write.topic()).append(" | ")
                .append(write.refused() ? "the broker: " + write.answer() : "NOTHING: " + write.answer()).append(" |\n"));
        s.append("| backdated partner request (paid 9 days ago, submittedAt 1 h after payment) | intake's broker time:"
                + " decided as late (checked with the stream's outcomes) |\n");
        s.append("| partner request claiming evidence for a small server claim | intake forwards no evidence it does"
                + " not hold: manual review, not auto-approved (checked with the stream's outcomes) |\n");
        s.append("| decision with ce_source policy-evaluator (a leaked credential) mailing ").append(ForgedEvents.ATTACKER)
                .append(" | the notifier's recipient check against its billing copy: dead-lettered, no email |\n");
        s.append("\n| money control attacked | successes | what happened |\n|---|---:|---|\n");
        moneyControls.attempts.forEach(a -> s.append("| ").append(a.attack()).append(" | ").append(a.successes())
                .append(" | ").append(a.outcome().replace("|", "/").replace("\n", " ")).append(" |\n"));
        s.append("\nGot through: ").append(letIn.isEmpty() ? "nothing" : letIn).append("\n\n");
        return s.toString();
    }

    /** What the drain found, per accepted refund. */
    static final class Outcome {
        final List<String> lostDecision = new ArrayList<>();
        final List<String> duplicatedDecision = new ArrayList<>();
        final List<String> wrongOutcome = new ArrayList<>();
        final List<String> lostEmail = new ArrayList<>();
        final List<String> duplicatedEmail = new ArrayList<>();
        final List<String> duplicateDeliveryProblems = new ArrayList<>();
        final List<String> notDeadLettered = new ArrayList<>();
        final List<String> hostileEffects = new ArrayList<>();
        final List<String> resendProblems = new ArrayList<>();
        final Map<String, Integer> deadLettered = new TreeMap<>();
        final Map<String, String> deadLetterCauses = new LinkedHashMap<>();
        int redelivered;
        int unconfirmedResent;
        int decisionsSeen;
        int emails;
        double drainSeconds;
    }

    private Outcome drain(SystemUnderTest system, TopicWatcher watcher, HostileEvents hostile,
            UnconfirmedResends unconfirmed) throws Exception {
        long start = System.currentTimeMillis();
        long deadline = start + settings.drain().toMillis();
        Outcome outcome;
        while (true) {
            unconfirmed.resendAll();
            outcome = evaluate(system, watcher, hostile);
            boolean complete = outcome.lostDecision.isEmpty() && outcome.lostEmail.isEmpty()
                    && outcome.notDeadLettered.isEmpty() && outcome.duplicateDeliveryProblems.isEmpty();
            if (complete || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(2000);
        }
        // a little longer, so that a late duplicate (a second email, a republished decision) is seen too
        Thread.sleep(settings.longVariant() ? 15_000 : 5_000);
        outcome = evaluate(system, watcher, hostile);
        outcome.unconfirmedResent = unconfirmed.resent.size();
        outcome.resendProblems.addAll(unconfirmed.problems);
        outcome.drainSeconds = (System.currentTimeMillis() - start) / 1000.0;
        return outcome;
    }

    private Outcome evaluate(SystemUnderTest system, TopicWatcher watcher, HostileEvents hostile) {
        Outcome outcome = new Outcome();
        // decisions: distinct event ids per refund; the same id twice is an at-least-once redelivery
        Map<String, Map<String, String>> decisions = new HashMap<>();
        List<TopicWatcher.Seen> decisionRecords = watcher.seen(Topics.DECISIONS);
        Map<String, Integer> rawPerId = new HashMap<>();
        for (TopicWatcher.Seen record : decisionRecords) {
            String source = record.header(CloudEventHeaders.SOURCE);
            if (record.key() != null && record.key().contains("hostile-")) {
                if (source != null && !source.startsWith("faults-")) {
                    outcome.hostileEffects.add("decision for " + record.key() + " from " + source);
                }
                continue;
            }
            String id = record.header(CloudEventHeaders.ID);
            decisions.computeIfAbsent(record.key(), k -> new LinkedHashMap<>()).put(id,
                    record.header(CloudEventHeaders.TYPE));
            rawPerId.merge(id, 1, Integer::sum);
        }
        outcome.decisionsSeen = decisionRecords.size();
        outcome.redelivered = rawPerId.values().stream().mapToInt(n -> n - 1).sum();

        // emails: by the notifier's X-Refund-Id header (a customer's email names the case, never the refund id)
        Map<String, Integer> emailsPerRefund = new HashMap<>();
        List<MimeMessage> messages = system.mail();
        outcome.emails = messages.size();
        for (MimeMessage message : messages) {
            String text;
            String refundId;
            try {
                String body = Emails.text(message);
                text = (message.getSubject() == null ? "" : message.getSubject()) + "\n" + (body == null ? "" : body);
                refundId = message.getHeader("X-Refund-Id", null);
            } catch (Exception e) {
                text = "";
                refundId = null;
            }
            if (text.contains("hostile-") || (refundId != null && refundId.contains("hostile-"))) {
                outcome.hostileEffects.add("email about a hostile event: " + text.substring(0,
                        Math.min(200, text.length())));
            }
            if (refundId != null) {
                emailsPerRefund.merge(refundId, 1, Integer::sum);
            }
        }

        Set<String> failedSettlements = system.billing == null ? Set.of() : system.billing.failedRefunds();
        for (Ledger.Accepted accepted : ledger.acceptedList()) {
            String id = accepted.refundId();
            Map<String, String> mine = decisions.getOrDefault(id, Map.of());
            if (mine.isEmpty()) {
                outcome.lostDecision.add(id + " (" + accepted.path() + ", " + accepted.scenario() + ")");
                continue;
            }
            // the review step's notices on the way (evidence asked for, review overdue) are emailed but decide nothing
            if (mine.values().stream().filter(type -> !NOTICES.contains(type)).count() > 1) {
                outcome.duplicatedDecision.add(id + " (" + accepted.path() + "): " + mine);
            }
            if (mine.values().stream().noneMatch(accepted.scenario()::expects)) {
                outcome.wrongOutcome.add(id + " (" + accepted.path() + ", " + accepted.scenario() + "): " + mine.values());
            }
            int emails = emailsPerRefund.getOrDefault(id, 0);
            // one email per decision, and one more when billing could not pay the approved refund back
            int emailsDue = mine.size() + (failedSettlements.contains(id) ? 1 : 0);
            if (emails == 0) {
                outcome.lostEmail.add(id + " (" + accepted.path() + ", " + accepted.scenario() + ")");
            } else if (emails > emailsDue) {
                outcome.duplicatedEmail.add(id + " (" + accepted.path() + "): " + emails + " emails for "
                        + mine.size() + " decision(s) and " + (emailsDue - mine.size()) + " failed settlement(s)");
            }
        }
        for (HostileEvents.Duplicate duplicate : hostile.duplicates) {
            if (duplicate.topic().equals(Topics.DECISIONS)) {
                int emails = emailsPerRefund.getOrDefault(duplicate.refundId(), 0);
                if (emails != 1) {
                    outcome.duplicateDeliveryProblems.add(duplicate + ": " + emails + " emails");
                }
            }
        }

        // dead letters: each malformed record by its marker key, with the cause in kafka_dlt-exception-message
        for (String topic : HostileEvents.TOPICS) {
            List<TopicWatcher.Seen> dead = watcher.seen(Topics.deadLetter(topic));
            for (HostileEvents.Malformed malformed : hostile.malformed) {
                if (!malformed.topic().equals(topic)) {
                    continue;
                }
                List<TopicWatcher.Seen> mine = dead.stream().filter(d -> malformed.marker().equals(d.key()))
                        .toList();
                List<TopicWatcher.Seen> withCause = mine.stream().filter(d -> {
                    String cause = d.header("kafka_dlt-exception-message");
                    return cause != null && !cause.isBlank();
                }).toList();
                if (withCause.isEmpty()) {
                    outcome.notDeadLettered.add(topic + " " + malformed.kind() + " (" + mine.size()
                            + " dead letters without a cause)");
                } else {
                    outcome.deadLettered.merge(Topics.deadLetter(topic), withCause.size(), Integer::sum);
                    String cause = withCause.get(0).header("kafka_dlt-exception-message");
                    outcome.deadLetterCauses.put(topic + " " + malformed.kind(), withCause.size() + " × "
                            + (cause.length() > 160 ? cause.substring(0, 160) + "…" : cause));
                }
            }
        }
        return outcome;
    }

    private String summary(Outcome o, MoneyInvariant.Result money, HostileEvents hostileEvents, HostileHttp hostileHttp, boolean healthy,
            int orders, double startupSeconds, double streamSeconds, double drainSeconds, double totalSeconds) {
        StringBuilder s = new StringBuilder();
        s.append("# Fault and abuse suite — ").append(settings.name()).append(" variant\n\n");
        s.append("Run ").append(run).append(": ").append(orders).append(" billing orders published; system up in ")
                .append(fmt(startupSeconds)).append(" s; stream ").append(fmt(streamSeconds))
                .append(" s at ").append(settings.refundsPerSecond()).append(" refunds/s; drain and checks ")
                .append(fmt(drainSeconds)).append(" s; total ").append(fmt(totalSeconds)).append(" s.\n\n");
        s.append("## Refunds\n\n| path | sent | accepted | not accepted |\n|---|---|---|---|\n");
        Set<String> paths = new java.util.TreeSet<>(ledger.sent.keySet());
        ledger.accepted.values().forEach(a -> paths.add(a.path()));
        int sentTotal = 0;
        for (String path : paths) {
            int sent = ledger.sent.containsKey(path) ? ledger.sent.get(path).get() : ledger.acceptedBy(path);
            sentTotal += sent;
            s.append("| ").append(path).append(" | ").append(sent).append(" | ").append(ledger.acceptedBy(path))
                    .append(" | ").append(ledger.notAccepted.containsKey(path) ? ledger.notAccepted.get(path).get() : 0)
                    .append(" |\n");
        }
        s.append("| **total** | ").append(sentTotal).append(" | ").append(ledger.accepted.size()).append(" | |\n\n");
        s.append("HTTP stream answers (with retries, same Idempotency-Key): ").append(new TreeMap<>(ledger.streamStatuses
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))))
                .append(" (-1 = no connection/time-out); retries ").append(ledger.streamRetries.get())
                .append("; requests by intake instance (round robin over those up) ").append(new TreeMap<>(
                        ledger.streamTargets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                e -> e.getValue().get())))).append("\n\n");
        if (!ledger.streamProblems.isEmpty()) {
            s.append("Not accepted (first ones): ").append(List.copyOf(ledger.streamProblems).stream().limit(10).toList())
                    .append("\n\n");
        }
        s.append("## Faults injected (in order, while the stream ran)\n\n| fault | duration | note |\n|---|---|---|\n");
        for (Ledger.Fault fault : ledger.faults) {
            s.append("| ").append(fault.what()).append(" | ").append(fmt(fault.durationMillis() / 1000.0)).append(" s | ")
                    .append(fault.note()).append(" |\n");
        }
        s.append("\n## Results\n\n");
        s.append("| check | count |\n|---|---|\n");
        s.append("| accepted refunds | ").append(ledger.accepted.size()).append(" |\n");
        Map<Integer, Integer> streamServerErrors = ledger.streamServerErrorsOtherThan503();
        s.append("| HTTP answers 5xx other than 503 | ")
                .append(streamServerErrors.values().stream().mapToInt(Integer::intValue).sum())
                .append(streamServerErrors.isEmpty() ? "" : " " + streamServerErrors).append(" |\n");
        s.append("| HTTP answers 503: overloaded (admission gate) / dependency outage | ")
                .append(ledger.streamOverloaded.get()).append(" / ").append(ledger.streamOutages()).append(" |\n");
        s.append("| lost (no decision) | ").append(o.lostDecision.size()).append(" |\n");
        s.append("| lost (decision but no email) | ").append(o.lostEmail.size()).append(" |\n");
        s.append("| duplicated decisions (distinct event ids) | ").append(o.duplicatedDecision.size()).append(" |\n");
        s.append("| duplicated emails | ").append(o.duplicatedEmail.size()).append(" |\n");
        s.append("| emails UNCONFIRMED (the SMTP outage cut them after their content), resent by ops | ")
                .append(o.unconfirmedResent).append(o.resendProblems.isEmpty() ? "" : ", refused " + o.resendProblems)
                .append(" |\n");
        s.append("| decided otherwise than the policy | ").append(o.wrongOutcome.size()).append(" |\n");
        s.append("| redelivered decision records, same event id (harmless) | ").append(o.redelivered).append(" |\n");
        s.append("| decision records seen / emails received | ").append(o.decisionsSeen).append(" / ").append(o.emails)
                .append(" |\n");
        s.append("| valid events delivered twice, checked | ").append(hostileEvents.duplicates.size())
                .append(", problems ").append(o.duplicateDeliveryProblems.size()).append(" |\n");
        s.append("| malformed events published | ").append(hostileEvents.malformed.size()).append(" |\n");
        s.append("| malformed events NOT dead-lettered | ").append(o.notDeadLettered.size()).append(" |\n");
        s.append("| malformed events that had an effect | ").append(o.hostileEffects.size()).append(" |\n");
        long bad = hostileHttp.probes.stream().filter(p -> !p.ok()).count();
        long fivexx = hostileHttp.probes.stream().filter(p -> p.status() >= 500).count();
        long leaks = hostileHttp.probes.stream().filter(HostileHttp.Probe::leaked).count();
        s.append("| hostile HTTP requests | ").append(hostileHttp.probes.size()).append(" |\n");
        s.append("| hostile HTTP 5xx | ").append(fivexx).append(" |\n");
        s.append("| hostile HTTP refused 503 overloaded by the admission gate first, then sent again | ")
                .append(hostileHttp.overloadedRetries()).append(" |\n");
        s.append("| hostile HTTP answers with another customer's data | ").append(leaks).append(" |\n");
        s.append("| hostile HTTP answers not as expected | ").append(bad).append(" |\n");
        s.append("| every service healthy at the end | ").append(healthy ? "yes" : "NO").append(" |\n\n");
        s.append("## Money: approved − released ≤ paid, per order\n\n| figure | value |\n|---|---|\n");
        s.append("| orders checked (every order of an accepted refund that was decided) | ")
                .append(money.ordersChecked()).append(" |\n");
        s.append("| of which with more than one decided request | ").append(money.ordersWithSeveral()).append(" |\n");
        s.append("| max ratio (approved − released) / paid | ").append(money.maxApprovedRatio().toPlainString())
                .append(" |\n");
        s.append("| orders violating (approved − released > paid) | ").append(money.violations().size()).append(" |\n");
        s.append("| settlements by billing: executed / failed (every ").append(SystemUnderTest.FAILING_EVERY)
                .append("th fails) | ").append(money.executed()).append(" / ").append(money.failed()).append(" |\n\n");
        s.append("Dead letters by topic (records with a cause, all consumer groups): ").append(o.deadLettered)
                .append("\n\nHostile HTTP answers by status: ").append(hostileHttp.statusCounts()).append("\n\n");
        s.append("### Dead-letter causes\n\n");
        o.deadLetterCauses.forEach((k, v) -> s.append("- ").append(k).append(": ").append(v.replace("\n", " "))
                .append("\n"));
        s.append("\n### Hostile HTTP\n\n| request | status | ok |\n|---|---|---|\n");
        for (HostileHttp.Probe probe : hostileHttp.probes) {
            s.append("| ").append(probe.name().replace("|", "\\|")).append(" | ").append(probe.status()).append(" | ")
                    .append(probe.ok() ? "yes" : "**NO** " + (probe.leaked() ? "(leak) " : "")
                            + probe.bodyStart().replace("|", "\\|"))
                    .append(" |\n");
        }
        appendList(s, "Lost (no decision)", o.lostDecision);
        appendList(s, "Lost (no email)", o.lostEmail);
        appendList(s, "Duplicated decisions", o.duplicatedDecision);
        appendList(s, "Duplicated emails", o.duplicatedEmail);
        appendList(s, "Decided otherwise", o.wrongOutcome);
        appendList(s, "Duplicate delivery problems", o.duplicateDeliveryProblems);
        appendList(s, "Not dead-lettered", o.notDeadLettered);
        appendList(s, "Malformed events with an effect", o.hostileEffects);
        appendList(s, "Orders refunded beyond paid", money.violations().stream().map(Object::toString).toList());
        return s.toString();
    }

    private static void appendList(StringBuilder s, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append("\n### ").append(title).append(" (").append(items.size()).append(")\n\n");
        items.stream().limit(30).forEach(i -> s.append("- ").append(i).append("\n"));
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static boolean awaitHealthy(SystemUnderTest system, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (SystemUnderTest.allInstances().stream().allMatch(system::healthy)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Waits until the consumer groups have read the topic to its end (the billing data before the stream). */
    private static void awaitConsumed(Map<String, String> connection, String topic, List<String> groups,
            Duration timeout) throws Exception {
        Properties props = new Properties();
        props.putAll(connection);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            for (String group : groups) {
                while (true) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                    if (done) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(group + " did not read " + topic + " to its end within " + timeout);
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static final long T0 = System.currentTimeMillis();

    private static void say(String what) {
        System.out.printf(java.util.Locale.ROOT, "[faults %6.1f s] %s%n", (System.currentTimeMillis() - T0) / 1000.0, what);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
