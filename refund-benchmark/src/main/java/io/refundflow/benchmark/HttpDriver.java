package io.refundflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer path over refund-intake's REST API: contact (POST /api/cases) then submit (multipart POST
 * /api/cases/{id}/submissions), each with its own Idempotency-Key and the customer's bearer token. Fully
 * asynchronous (JDK HttpClient on a small fixed pool), so the client never waits on the server's pace: in a
 * fixed-rate phase each refund's contact is sent ahead of its slot and the submit at its slot. A peer system
 * driven over HTTP ({@link PeerDriver}) replaces only the conversation ({@link #exchange}).
 */
class HttpDriver implements Driver {

    private static final String BOUNDARY = "refundflow-benchmark-boundary";

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
    private final Histogram submitLatency = LatencySummary.newHistogram();
    private final List<String> errorExamples = new CopyOnWriteArrayList<>();

    HttpDriver(String intakeUrl, Map<String, String> tokensByCustomer, RefundLedger ledger) {
        this.baseUrl = intakeUrl;
        this.tokens = tokensByCustomer;
        this.ledger = ledger;
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

    List<String> takeErrorExamples() {
        List<String> copy = List.copyOf(errorExamples);
        errorExamples.clear();
        return copy;
    }

    @Override
    public CompletableFuture<Void> submit(Workload.Prepared p, String phase, long intendedNanos) {
        return exchange(p, phase, intendedNanos).handle((ok, failure) -> {
            if (failure != null) {
                ledger.counters(phase).errors.incrementAndGet();
                if (errorExamples.size() < 5) {
                    errorExamples.add(p.orderId() + ": " + rootMessage(failure));
                }
            }
            return null;
        });
    }

    /**
     * The HTTP conversation of one refund; completes when the submit was answered and recorded, exceptionally
     * when any step failed.
     */
    protected CompletableFuture<Void> exchange(Workload.Prepared p, String phase, long intendedNanos) {
        String token = tokens.get(p.customerId());
        String contactBody = "{\"orderId\":\"" + p.orderId() + "\",\"channel\":\"WEB\",\"description\":\"benchmark "
                + p.index() + "\"}";
        HttpRequest contact = HttpRequest.newBuilder(URI.create(baseUrl + "/api/cases"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(contactBody)).build();
        return send(contact)
                .thenCompose(response -> {
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("contact " + response.statusCode() + ": " + body(response));
                    }
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

    /** Records the submit latency: from the intended (or actual) send to the answer. */
    protected synchronized void answered(long intendedNanos, long answeredNanos) {
        submitLatency.recordValue(Math.max(1, (answeredNanos - intendedNanos) / 1000));
    }

    private CompletableFuture<Void> sendSubmit(Workload.Prepared p, String phase, String caseId, String token,
            long intendedNanos) {
        String application = "{\"ground\":\"" + p.scenario().ground() + "\",\"kind\":\"" + p.scenario().requestKind()
                + "\",\"description\":\"benchmark refund " + p.index() + "\",\"contactEmail\":\"" + p.customerId()
                + "@example.com\",\"locale\":\"" + p.locale() + "\"}";
        String multipart = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"application\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + application + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
        HttpRequest submit = HttpRequest.newBuilder(URI.create(baseUrl + "/api/cases/" + caseId + "/submissions"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build();
        long sent = System.nanoTime();
        long intended = intendedNanos < 0 ? sent : intendedNanos;
        return send(submit).thenAccept(response -> {
            long answered = System.nanoTime();
            if (response.statusCode() != 202) {
                throw new IllegalStateException("submit " + response.statusCode() + ": " + body(response));
            }
            JsonNode view = json.readTree(response.body());
            String refundId = view.path("refundId").asString();
            if (refundId == null || refundId.isEmpty()) {
                throw new IllegalStateException("submit answered without a refundId: " + body(response));
            }
            answered(intended, answered);
            ledger.submitted(refundId, phase, p.scenario(), intended);
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
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
