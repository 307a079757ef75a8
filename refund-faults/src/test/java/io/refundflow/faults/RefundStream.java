package io.refundflow.faults;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.launcher.KafkaAccess;
import io.refundflow.platform.security.DemoTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steady stream: at a fixed rate, a refund either through HTTP (contact, then submit, each retried on a
 * 5xx, a 409/429 or a broken connection with the SAME Idempotency-Key until a deadline; each attempt goes to the
 * next intake instance that is up, round robin, so a retry falls over to the other instance) or as a foreign
 * request event on refund.requests.partner with CloudEvents headers (refund-intake forwards it). Every order it uses was published to
 * billing.orders before the services started. Bounded: it stops when told, or after its longest run.
 */
final class RefundStream {

    static final String HTTP = "http";
    static final String KAFKA = "kafka";
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(150);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(20);

    record OrderRef(String orderId, String customerId, Scenario scenario) {
    }

    private final SystemUnderTest system;
    private final EventPublisher publisher;
    private final Ledger ledger;
    private final FaultSettings settings;
    private final DemoTokens tokens;
    private final String run;
    private final Clock clock = Clock.systemUTC();
    private final Http http = new Http();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> customers = new ArrayList<>();
    private final Map<Scenario, ConcurrentLinkedQueue<OrderRef>> orders = new java.util.EnumMap<>(Scenario.class);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService workers = Executors.newFixedThreadPool(24, r -> {
        Thread t = new Thread(r, "faults-stream-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger nextIntake = new AtomicInteger();
    private Thread ticker;

    RefundStream(SystemUnderTest system, EventPublisher publisher, Ledger ledger, FaultSettings settings,
            DemoTokens tokens, String run) {
        this.system = system;
        this.publisher = publisher;
        this.ledger = ledger;
        this.settings = settings;
        this.tokens = tokens;
        this.run = run;
        for (int i = 0; i < 8; i++) {
            customers.add("fc-" + run + "-" + i);
        }
        for (Scenario scenario : Scenario.STREAMED) {
            orders.put(scenario, new ConcurrentLinkedQueue<>());
        }
    }

    /** Publishes enough billing orders for the longest stream this run can send; returns how many. */
    int publishOrders(int count) {
        List<Scenario> scenarios = Scenario.STREAMED;
        for (int i = 0; i < count; i++) {
            Scenario scenario = scenarios.get(i % scenarios.size());
            String customer = customers.get(i % customers.size());
            String orderId = "fo-" + run + "-" + i;
            BillingOrder order = scenario.order(orderId, customer, clock.instant());
            publisher.publishAsync(EventEnvelope.of(DemoBilling.SOURCE, order, clock));
            orders.get(scenario).add(new OrderRef(orderId, customer, scenario));
        }
        publisher.flush();
        return count;
    }

    void start() {
        ticker = new Thread(this::tick, "faults-stream");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Stops sending new refunds and waits (bounded) for those in flight to finish their retries. */
    void stop() throws InterruptedException {
        stop.set(true);
        ticker.join(10_000);
        workers.shutdown();
        if (!workers.awaitTermination(RETRY_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    /**
     * Sends {@code count} partner requests at once, beside the steady stream: a backlog that takes the consumers
     * several polls, so that an instance killed meanwhile dies inside a batch.
     */
    void burst(int count) {
        for (int i = 0; i < count; i++) {
            Scenario scenario = Scenario.STREAMED.get(i % Scenario.STREAMED.size());
            OrderRef order = orders.get(scenario).poll();
            if (order == null) {
                ledger.streamProblems.add("ran out of billing orders for a burst of " + scenario);
                return;
            }
            viaKafka(order);
        }
    }

    /** The next intake instance that is up, round robin: what a load balancer in front of them does. */
    private String intake() {
        List<String> up = system.baseUrls("refund-intake");
        if (up.isEmpty()) {
            return "http://127.0.0.1:9";
        }
        String url = up.get(Math.floorMod(nextIntake.getAndIncrement(), up.size()));
        ledger.streamTarget(system.instanceAt(url));
        return url;
    }

    private void tick() {
        long periodNanos = (long) (1_000_000_000L / settings.refundsPerSecond());
        long start = System.nanoTime();
        long end = start + LONGEST_RUN.toNanos();
        int httpEvery = (int) Math.round(settings.httpShare() * 10);
        for (long i = 0; !stop.get() && System.nanoTime() < end; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Scenario scenario = Scenario.STREAMED.get((int) ((i + i / 10) % Scenario.STREAMED.size()));
            OrderRef order = orders.get(scenario).poll();
            if (order == null) {
                ledger.streamProblems.add("ran out of billing orders for " + scenario);
                return;
            }
            boolean viaHttp = i % 10 < httpEvery;
            workers.execute(viaHttp ? () -> viaHttp(order) : () -> viaKafka(order));
        }
    }

    private void viaHttp(OrderRef order) {
        ledger.sent(HTTP);
        String token = tokens.customer(order.customerId());
        String contact = "{\"orderId\":\"" + order.orderId() + "\",\"channel\":\"WEB\","
                + "\"description\":\"fault suite: " + order.scenario() + "\"}";
        Http.Response opened = retrying(() -> http.postJson(intake() + "/api/cases", token,
                "contact-" + order.orderId(), contact));
        if (!opened.is2xx()) {
            ledger.notAccepted(HTTP, "contact " + order.orderId() + " -> " + opened.status() + " " + abbreviate(opened.body()));
            return;
        }
        String caseId = json.readTree(opened.body()).path("caseId").asString();
        String application = "{\"ground\":\"" + order.scenario().ground + "\",\"kind\":\"" + order.scenario().kind
                + "\",\"description\":\"fault suite\",\"contactEmail\":\"" + order.customerId() + "@faults.test\"}";
        Http.Response submitted = retrying(() -> http.postSubmission(intake() + "/api/cases/"
                + caseId + "/submissions", token, "submit-" + order.orderId(), application, Map.of()));
        if (!submitted.is2xx()) {
            ledger.notAccepted(HTTP, "submit " + caseId + " -> " + submitted.status() + " " + abbreviate(submitted.body()));
            return;
        }
        JsonNode view = json.readTree(submitted.body());
        ledger.accepted(view.path("refundId").asString(), HTTP, order.scenario(), order.customerId());
    }

    private void viaKafka(OrderRef order) {
        if (order.scenario() == Scenario.SAAS_INSIDE_GUARANTEE) {
            // two requests at once on one order: the ledger must approve its money once (see SAAS_CONTESTED)
            OrderRef contested = new OrderRef(order.orderId(), order.customerId(), Scenario.SAAS_CONTESTED);
            publishAsPartner(contested);
            publishAsPartner(contested);
        } else {
            publishAsPartner(order);
        }
    }

    private void publishAsPartner(OrderRef order) {
        ledger.sent(KAFKA);
        String refundId = "fx-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
        RefundRequested request = new RefundRequested(refundId, null, order.orderId(), order.customerId(),
                order.scenario().ground, order.scenario().kind, "fault suite via a partner", "en", List.of(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            publisher.publishAsPartner(EventEnvelope.of(KafkaAccess.PARTNER, request, clock));
            ledger.accepted(refundId, KAFKA, order.scenario(), order.customerId());
        } catch (RuntimeException e) {
            ledger.notAccepted(KAFKA, refundId + ": " + e.getMessage());
        }
    }

    private Http.Response retrying(java.util.function.Supplier<Http.Response> call) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        Http.Response response = call.get();
        ledger.streamAnswer(response);
        long pause = 250;
        while (response.retryable() && System.nanoTime() < deadline) {
            ledger.streamRetries.incrementAndGet();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            pause = Math.min(pause * 2, 2000);
            response = call.get();
            ledger.streamAnswer(response);
        }
        return response;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
