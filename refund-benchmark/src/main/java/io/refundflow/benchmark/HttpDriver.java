package io.refundflow.benchmark;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer path over refund-intake's REST API, in one of two forms ({@link Form}): one call that opens the case
 * and submits (JSON POST /api/submissions), or contact (POST /api/cases) then submit (multipart POST
 * /api/cases/{id}/submissions); each request with its own Idempotency-Key and the customer's bearer token. Fully
 * asynchronous (JDK HttpClient on a small fixed pool), so the client never waits on the server's pace: in a
 * fixed-rate phase the one call, or the two calls' submit, is sent at the refund's slot (the contact ahead of it).
 * Every refusal the service answers (503, 429) and every connect time-out is counted apart, with the time the
 * refusal took ({@link #takeOutcomes}). A peer system driven over HTTP ({@link PeerDriver}) replaces only the
 * conversation ({@link #exchange}). An answer that never comes within the client's time-out is asked for again
 * once, with the same request and Idempotency-Key, as intake's API tells a client to: the first attempt may have
 * been taken, and the key makes the second replay its answer instead of opening a second case.
 */
class HttpDriver implements Driver {

    private static final String BOUNDARY = "refundflow-benchmark-boundary";

    /** How a refund is sent over HTTP. */
    enum Form {
        /** POST /api/submissions: the case opened and submitted in one request (the default path). */
        ONE_CALL("http"),
        /** POST /api/cases, then POST /api/cases/{caseId}/submissions. */
        TWO_CALLS("http-two-calls");

        private final String phaseSuffix;

        Form(String phaseSuffix) {
            this.phaseSuffix = phaseSuffix;
        }

        /** How the phases driven this way are named ({@code throughput-http}, {@code throughput-http-two-calls}). */
        String phaseSuffix() {
            return phaseSuffix;
        }
    }

    /**
     * What the service answered, other than acceptance, since the last {@link #takeOutcomes}.
     *
     * @param refused503      answered 503 (overloaded, or the database unavailable)
     * @param refused429      answered 429 (a caller over its share)
     * @param connectTimeouts connections never accepted within the client's connect time-out
     * @param otherErrors     any other failure (another status, a broken connection, a second read time-out)
     * @param answersLost     answers that never came within the client's time-out, each asked for again once
     * @param refusalAnswer   intended send → the 503/429 answer
     * @param lateToSend      intended send → the request handed to the HTTP client, every request of a fixed-rate
     *                        phase: the client's own lateness, which the answers' times include (the client shares
     *                        the machine's cores with the system it measures)
     */
    record Outcomes(long refused503, long refused429, long connectTimeouts, long otherErrors, long answersLost,
            LatencySummary refusalAnswer, LatencySummary lateToSend) {
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "http-driver");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
            .connectTimeout(Duration.ofSeconds(5)).build();
    protected final JsonMapper json = JsonMapper.builder().build();
    protected final String baseUrl;
    private final Map<String, String> tokens;
    protected final RefundLedger ledger;
    private static final int EXAMPLES_OF_A_KIND = 3;
    /** How long the client waits for an answer, as a customer's client would, before it asks again. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    protected final Duration answerTimeout;

    private final Form form;
    private final Histogram submitLatency = LatencySummary.newHistogram();
    private final Histogram refusalLatency = LatencySummary.newHistogram();
    private final Histogram lateToSend = LatencySummary.newHistogram();
    private final AtomicLong refused503 = new AtomicLong();
    private final AtomicLong refused429 = new AtomicLong();
    private final AtomicLong connectTimeouts = new AtomicLong();
    private final AtomicLong otherErrors = new AtomicLong();
    private final AtomicLong answersLost = new AtomicLong();
    /** A few refusals and a few other failures: a phase full of 503s must still show what else went wrong. */
    private final List<String> refusalExamples = new CopyOnWriteArrayList<>();
    private final List<String> otherExamples = new CopyOnWriteArrayList<>();

    HttpDriver(String intakeUrl, Map<String, String> tokensByCustomer, RefundLedger ledger, Form form) {
        this(intakeUrl, tokensByCustomer, ledger, form, ANSWER_TIMEOUT);
    }

    HttpDriver(String intakeUrl, Map<String, String> tokensByCustomer, RefundLedger ledger, Form form,
            Duration answerTimeout) {
        this.baseUrl = intakeUrl;
        this.tokens = tokensByCustomer;
        this.ledger = ledger;
        this.form = form;
        this.answerTimeout = answerTimeout;
    }

    /** For a driver that replaces the conversation ({@link PeerDriver}). */
    HttpDriver(String url, Map<String, String> tokensByCustomer, RefundLedger ledger) {
        this(url, tokensByCustomer, ledger, Form.ONE_CALL);
    }

    Form form() {
        return form;
    }

    @Override
    public String path() {
        return "http";
    }

    /** Intended-submit → answer of the submit POST, in µs, since the last reset. */
    synchronized LatencySummary takeSubmitLatency() {
        LatencySummary s = LatencySummary.of(submitLatency);
        submitLatency.reset();
        return s;
    }

    /** The refusals and failures since the last call. */
    synchronized Outcomes takeOutcomes() {
        Outcomes o = new Outcomes(refused503.getAndSet(0), refused429.getAndSet(0), connectTimeouts.getAndSet(0),
                otherErrors.getAndSet(0), answersLost.getAndSet(0), LatencySummary.of(refusalLatency),
                LatencySummary.of(lateToSend));
        refusalLatency.reset();
        lateToSend.reset();
        return o;
    }

    List<String> takeErrorExamples() {
        List<String> copy = new ArrayList<>(refusalExamples);
        copy.addAll(otherExamples);
        refusalExamples.clear();
        otherExamples.clear();
        return copy;
    }

    @Override
    public CompletableFuture<Void> submit(Workload.Prepared p, String phase, long intendedNanos) {
        return exchange(p, phase, intendedNanos).handle((ok, failure) -> {
            if (failure != null) {
                ledger.counters(phase).errors.incrementAndGet();
                List<String> examples = classify(failure) ? refusalExamples : otherExamples;
                if (examples.size() < EXAMPLES_OF_A_KIND) {
                    examples.add(p.orderId() + ": " + rootMessage(failure));
                }
            }
            return null;
        });
    }

    /** Counts the failure by kind; whether it was a refusal (503 or 429). */
    private boolean classify(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof Refused || root instanceof HttpConnectTimeoutException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof Refused refused) {
            (refused.status == 429 ? refused429 : refused503).incrementAndGet();
            synchronized (this) {
                refusalLatency.recordValue(Math.max(1, refused.tookNanos / 1000));
            }
            return true;
        }
        (connectTimedOut(failure) ? connectTimeouts : otherErrors).incrementAndGet();
        return false;
    }

    /** The request was sent and its answer never came within the client's time-out (not a connect time-out). */
    static boolean answerLost(Throwable failure) {
        return anyCause(failure, t -> t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException));
    }

    /**
     * A connection never accepted in time. The asynchronous client reports it as a {@code ConnectException}
     * "HTTP connect timed out" as often as an {@link HttpConnectTimeoutException}, so both count.
     */
    private static boolean connectTimedOut(Throwable failure) {
        return anyCause(failure, t -> t instanceof HttpConnectTimeoutException
                || t instanceof ConnectException && String.valueOf(t.getMessage()).contains("timed out"));
    }

    /** Whether the failure or any of its causes is of the kind asked for. */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.test(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The HTTP conversation of one refund; completes when the submit was answered and recorded, exceptionally
     * when any step failed.
     */
    protected CompletableFuture<Void> exchange(Workload.Prepared p, String phase, long intendedNanos) {
        return form == Form.ONE_CALL ? oneCall(p, phase, intendedNanos) : twoCalls(p, phase, intendedNanos);
    }

    private CompletableFuture<Void> oneCall(Workload.Prepared p, String phase, long intendedNanos) {
        String body = "{\"contact\":" + contactJson(p) + ",\"application\":" + applicationJson(p) + "}";
        HttpRequest call = HttpRequest.newBuilder(URI.create(baseUrl + "/api/submissions"))
                .timeout(answerTimeout)
                .header("Authorization", "Bearer " + tokens.get(p.customerId()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return atIntended(intendedNanos).thenCompose(ignored -> {
            long intended = handedOn(intendedNanos);
            return sendAskingAgain(call).thenAccept(response -> {
                long answered = System.nanoTime();
                refuseUnless(201, response, intended, answered, "submit");
                recordSubmitted(p, phase, intended, answered, response);
            });
        });
    }

    private static String contactJson(Workload.Prepared p) {
        return "{\"orderId\":\"" + p.orderId() + "\",\"channel\":\"WEB\",\"description\":\"benchmark "
                + p.index() + "\"}";
    }

    private static String applicationJson(Workload.Prepared p) {
        return "{\"ground\":\"" + p.scenario().ground() + "\",\"kind\":\"" + p.scenario().requestKind()
                + "\",\"description\":\"benchmark refund " + p.index() + "\",\"locale\":\"" + p.locale() + "\"}";
    }

    /** Throws unless the answer has the expected status: a 503/429 as a {@link Refused}, with the time it took. */
    private static void refuseUnless(int expected, HttpResponse<byte[]> response, long sentNanos, long answeredNanos,
            String step) {
        int status = response.statusCode();
        if (status == 503 || status == 429) {
            throw new Refused(status, answeredNanos - sentNanos, step + " " + status + ": " + body(response));
        }
        if (status != expected) {
            throw new IllegalStateException(step + " " + status + ": " + body(response));
        }
    }

    private void recordSubmitted(Workload.Prepared p, String phase, long intended, long answered,
            HttpResponse<byte[]> response) {
        JsonNode answer = json.readTree(response.body());
        String refundId = answer.path("refundId").asString();
        if (refundId == null || refundId.isEmpty()) {
            throw new IllegalStateException("submit answered without a refundId: " + body(response));
        }
        answered(intended, answered);
        ledger.submitted(refundId, phase, p.scenario(), intended);
    }

    /** An answer that refused the request (503, 429): the service's overload answer, counted apart. */
    static final class Refused extends RuntimeException {
        final int status;
        final long tookNanos;

        Refused(int status, long tookNanos, String message) {
            super(message, null, false, false);
            this.status = status;
            this.tookNanos = tookNanos;
        }
    }

    private CompletableFuture<Void> twoCalls(Workload.Prepared p, String phase, long intendedNanos) {
        String token = tokens.get(p.customerId());
        String contactBody = contactJson(p);
        HttpRequest contact = HttpRequest.newBuilder(URI.create(baseUrl + "/api/cases"))
                .timeout(answerTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(contactBody)).build();
        long contactSent = System.nanoTime();
        return sendAskingAgain(contact)
                .thenCompose(response -> {
                    refuseUnless(201, response, contactSent, System.nanoTime(), "contact");
                    String caseId = json.readTree(response.body()).path("caseId").asString();
                    return atIntended(intendedNanos).thenCompose(
                            ignored -> sendSubmit(p, phase, caseId, token, intendedNanos));
                });
    }

    /** Completes at {@code intendedNanos} (at once if that has passed, or for -1). */
    protected CompletableFuture<Void> atIntended(long intendedNanos) {
        long wait = intendedNanos < 0 ? 0 : intendedNanos - System.nanoTime();
        if (wait <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS,
                pool));
    }

    /** Sends a request on the driver's client. */
    protected CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request, and once more (the same request, so the same Idempotency-Key) if its answer was lost. */
    private CompletableFuture<HttpResponse<byte[]>> sendAskingAgain(HttpRequest request) {
        return send(request).exceptionallyCompose(failure -> {
            if (!answerLost(failure)) {
                return CompletableFuture.failedFuture(failure);
            }
            answersLost.incrementAndGet();
            return send(request);
        });
    }

    /**
     * A request is handed to the client now: records how late that is after its slot, and answers the time its
     * answer is measured from (the slot, or now for an open-throttle request, which has none).
     */
    private long handedOn(long intendedNanos) {
        long now = System.nanoTime();
        sending(intendedNanos, now);
        return intendedNanos < 0 ? now : intendedNanos;
    }

    /** Records how late a request of a fixed-rate phase ({@code intendedNanos} ≥ 0) is handed to the client. */
    synchronized void sending(long intendedNanos, long sendingNanos) {
        if (intendedNanos >= 0) {
            lateToSend.recordValue(Math.max(1, (sendingNanos - intendedNanos) / 1000));
        }
    }

    /** Records the submit latency: from the intended (or actual) send to the answer. */
    protected synchronized void answered(long intendedNanos, long answeredNanos) {
        submitLatency.recordValue(Math.max(1, (answeredNanos - intendedNanos) / 1000));
    }

    private CompletableFuture<Void> sendSubmit(Workload.Prepared p, String phase, String caseId, String token,
            long intendedNanos) {
        String application = applicationJson(p);
        String multipart = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"application\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + application + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
        HttpRequest submit = HttpRequest.newBuilder(URI.create(baseUrl + "/api/cases/" + caseId + "/submissions"))
                .timeout(answerTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build();
        long intended = handedOn(intendedNanos);
        return sendAskingAgain(submit).thenAccept(response -> {
            long answered = System.nanoTime();
            refuseUnless(202, response, intended, answered, "submit");
            recordSubmitted(p, phase, intended, answered, response);
        });
    }

    protected static String body(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // a refusal says its status and body; anything else needs its kind too (a read time-out, a reset, ...)
        return root instanceof Refused && root.getMessage() != null ? root.getMessage() : root.toString();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
