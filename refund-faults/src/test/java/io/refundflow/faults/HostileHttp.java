package io.refundflow.faults;

import io.refundflow.events.EventEnvelope;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.platform.security.DemoTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile HTTP against the running services: another customer's token on a victim's case, expired, forged,
 * unsigned and tampered tokens, oversize bodies and uploads, wrong content types, malformed and deeply nested
 * JSON, injection strings in every field, path traversal in file names, CR/LF inside headers. Every answer
 * is kept with what was acceptable for it.
 */
final class HostileHttp {

    static final List<String> INJECTIONS = List.of("' OR 1=1 --", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "a\r\nX-Injected: yes", "nul\u0000byte",
            "{{7*7}}[[${7*7}]]__${T(java.lang.Runtime)}__");

    /** One hostile request and its answer; {@code allowed} empty means "anything but a 5xx or no answer". */
    record Probe(String name, Set<Integer> allowed, int status, boolean leaked, String bodyStart) {

        boolean ok() {
            return status > 0 && status < 500 && !leaked && (allowed.isEmpty() || allowed.contains(status));
        }
    }

    private final SystemUnderTest system;
    private final Ledger ledger;
    private final String run;
    private final Clock clock = Clock.systemUTC();
    /** Probes must reach the checks behind intake's admission gate, which refuses new submissions under load. */
    private final Http http = Http.patientWithTheGate(FaultSettings.GATE_PATIENCE);
    private final JsonMapper json = JsonMapper.builder().build();
    private final DemoTokens tokens;
    final String victim;
    final String attacker;
    private final ConcurrentLinkedQueue<String> attackerOrders = new ConcurrentLinkedQueue<>();
    private String victimOrder;
    final List<Probe> probes = new ArrayList<>();
    private final List<String> victimSecrets = new ArrayList<>();
    private String victimCaseId;
    private String victimRefundId;

    HostileHttp(SystemUnderTest system, Ledger ledger, DemoTokens tokens, String run) {
        this.system = system;
        this.ledger = ledger;
        this.tokens = tokens;
        this.run = run;
        this.victim = "fv-" + run;
        this.attacker = "fa-" + run;
    }

    void publishOrders(EventPublisher publisher) {
        victimOrder = "fo-victim-" + run;
        publisher.publish(EventEnvelope.of(DemoBilling.SOURCE,
                Scenario.SAAS_INSIDE_GUARANTEE.order(victimOrder, victim, clock.instant()), clock));
        for (int i = 0; i < 100; i++) {
            String orderId = "fo-attacker-" + run + "-" + i;
            publisher.publish(EventEnvelope.of(DemoBilling.SOURCE,
                    Scenario.SAAS_INSIDE_GUARANTEE.order(orderId, attacker, clock.instant()), clock));
            attackerOrders.add(orderId);
        }
    }

    void runAll() {
        victimCase();
        tokens();
        crossCustomer();
        bodies();
        injections();
        rawHeaders();
    }

    private String intake() {
        return system.baseUrl("refund-intake");
    }

    private String evaluator() {
        return system.baseUrl("policy-evaluator");
    }

    private void victimCase() {
        String token = tokens.customer(victim);
        String secret = "victim-secret-" + run;
        Http.Response opened = http.postJson(intake() + "/api/cases", token, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + victimOrder + "\",\"channel\":\"WEB\",\"description\":\"" + secret + "\"}");
        require(opened, "victim contact");
        JsonNode view = json.readTree(opened.body());
        victimCaseId = view.path("caseId").asString();
        Http.Response submitted = http.postSubmission(intake() + "/api/cases/" + victimCaseId + "/submissions", token,
                UUID.randomUUID().toString(), "{\"ground\":\"UNSATISFIED\",\"kind\":\"REFUND\",\"description\":\""
                        + secret + "\",\"contactEmail\":\"" + victim + "@faults.test\"}", Map.of());
        require(submitted, "victim submit");
        victimRefundId = json.readTree(submitted.body()).path("refundId").asString();
        ledger.accepted(victimRefundId, "http-victim", Scenario.SAAS_INSIDE_GUARANTEE, victim);
        victimSecrets.addAll(List.of(secret, victim + "@faults.test", view.path("caseNumber").asString(),
                victimRefundId, victimCaseId, victim, victimOrder));
    }

    private void tokens() {
        String url = intake() + "/api/cases/" + victimCaseId;
        Set<Integer> unauthorized = Set.of(401);
        probe("no token", unauthorized, http.get(url, null), url);
        DemoTokens expired = new DemoTokens(SystemUnderTest.JWT_SECRET.getBytes(StandardCharsets.UTF_8), null,
                Duration.ofMinutes(-10), clock);
        probe("expired token (victim's own)", unauthorized, http.get(url, expired.customer(victim)), url);
        DemoTokens otherSecret = new DemoTokens("another-secret-that-is-also-32-bytes-long!!".getBytes(
                StandardCharsets.UTF_8), null, Duration.ofHours(1), clock);
        probe("token signed with another secret", unauthorized, http.get(url, otherSecret.customer(victim)), url);
        probe("token signed with the dev secret", unauthorized, http.get(url, new DemoTokens(
                io.refundflow.platform.security.JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8), null,
                Duration.ofHours(1), clock).customer(victim)), url);
        String valid = tokens.customer(attacker);
        String[] parts = valid.split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String victimClaims = b64("{\"sub\":\"" + victim + "\",\"roles\":[\"customer\",\"ops\",\"agent\"],\"exp\":"
                + (clock.instant().getEpochSecond() + 3600) + ",\"iat\":" + clock.instant().getEpochSecond() + "}");
        probe("alg=none token", unauthorized, http.get(url, header + "." + victimClaims + "."), url);
        probe("tampered payload, original signature", unauthorized,
                http.get(url, parts[0] + "." + victimClaims + "." + parts[2]), url);
        probe("garbage token", unauthorized, http.get(url, "not.a.jwt"), url);
        probe("empty bearer", unauthorized, http.send("GET", url, null, Map.of("Authorization", "Bearer "), null, null), url);
        probe("basic auth instead of bearer", unauthorized, http.send("GET", url, null,
                Map.of("Authorization", "Basic " + b64("admin:admin")), null, null), url);
        probe("forged ops token on the review queue", unauthorized,
                http.get(evaluator() + "/api/reviews", otherSecret.ops("ops-x")), "/api/reviews");
        probe("expired ops token on the review queue", unauthorized,
                http.get(evaluator() + "/api/reviews", expired.ops("ops-1")), "/api/reviews");
    }

    private void crossCustomer() {
        String token = tokens.customer(attacker);
        String caseUrl = intake() + "/api/cases/" + victimCaseId;
        Set<Integer> denied = Set.of(403, 404);
        probe("other customer reads victim's case", denied, http.get(caseUrl, token), caseUrl);
        probe("other customer submits on victim's case", denied, http.postSubmission(caseUrl + "/submissions", token,
                UUID.randomUUID().toString(), "{\"ground\":\"UNSATISFIED\",\"kind\":\"REFUND\",\"description\":\"mine"
                        + "\",\"contactEmail\":\"" + attacker + "@faults.test\"}", Map.of()), caseUrl);
        probe("other customer lists victim's cases", Set.of(), http.get(intake() + "/api/cases?customerId=" + victim,
                token), "customerId=" + victim);
        probe("other customer lists cases", Set.of(200), http.get(intake() + "/api/cases", token), "");
        String body = "{\"orderId\":\"" + victimOrder + "\",\"channel\":\"WEB\",\"description\":\"mine now\"}";
        probe("other customer opens a case on victim's order", Set.of(400, 403, 404, 409, 422),
                http.postJson(intake() + "/api/cases", token, UUID.randomUUID().toString(), body), body);
        String forVictim = "{\"orderId\":\"" + victimOrder + "\",\"channel\":\"WEB\",\"description\":\"x\","
                + "\"customerId\":\"" + victim + "\"}";
        probe("other customer opens a case naming the victim", Set.of(400, 403, 404, 409, 422),
                http.postJson(intake() + "/api/cases", token, UUID.randomUUID().toString(), forVictim), forVictim);
        String reviewUrl = evaluator() + "/api/reviews/" + victimRefundId;
        probe("customer reads the review queue", Set.of(403), http.get(evaluator() + "/api/reviews", token), "");
        probe("customer reads victim's review", Set.of(403, 404), http.get(reviewUrl, token), reviewUrl);
        probe("customer decides victim's review", Set.of(403, 404), http.send("POST", reviewUrl + "/decision", token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "application/json",
                "{\"approved\":true}".getBytes(StandardCharsets.UTF_8)), reviewUrl);
        probe("customer claims victim's review", Set.of(403, 404), http.send("POST", reviewUrl + "/claim", token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), null, null), reviewUrl);
    }

    private void bodies() {
        String token = tokens.customer(attacker);
        String cases = intake() + "/api/cases";
        byte[] fiveMb = ("{\"orderId\":\"" + nextOrder() + "\",\"channel\":\"WEB\",\"description\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        probe("5 MB JSON body", Set.of(400, 413), http.send("POST", cases, token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "application/json", fiveMb), "");
        String contact = "{\"orderId\":\"" + nextOrder() + "\",\"channel\":\"WEB\",\"description\":\"x\"}";
        probe("text/plain content type", Set.of(415), http.send("POST", cases, token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "text/plain",
                contact.getBytes(StandardCharsets.UTF_8)), "");
        probe("XML body", Set.of(415), http.send("POST", cases, token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "application/xml",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><case><orderId>&e;</orderId></case>"
                        .getBytes(StandardCharsets.UTF_8)), "");
        probe("malformed JSON", Set.of(400), http.send("POST", cases, token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "application/json",
                "{\"orderId\": \"x\", ".getBytes(StandardCharsets.UTF_8)), "");
        probe("JSON nested 100000 deep", Set.of(400, 413), http.send("POST", cases, token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "application/json",
                ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8)), "");
        probe("JSON array instead of object", Set.of(400), http.postJson(cases, token, UUID.randomUUID().toString(),
                "[1,2,3]"), "");
        probe("no Idempotency-Key", Set.of(400), http.send("POST", cases, token, Map.of(), "application/json",
                contact.getBytes(StandardCharsets.UTF_8)), "");
        probe("300-character Idempotency-Key", Set.of(400), http.postJson(cases, token, "k".repeat(300), contact), "");

        String caseId = openAttackerCase(token);
        String submissions = cases + "/" + caseId + "/submissions";
        String application = "{\"ground\":\"UNSATISFIED\",\"kind\":\"REFUND\",\"description\":\"x\",\"contactEmail\":\""
                + attacker + "@faults.test\"}";
        probe("21 MB upload", Set.of(400, 413), http.postSubmission(submissions, token, UUID.randomUUID().toString(),
                application, Map.of("big.txt", new byte[21 * 1024 * 1024])), "");
        probe("11 MB upload (over the per-file limit)", Set.of(400, 413, 422), http.postSubmission(submissions, token,
                UUID.randomUUID().toString(), application, Map.of("big.txt", "a".repeat(11 * 1024 * 1024)
                        .getBytes(StandardCharsets.UTF_8))), "");
        probe("executable disguised as PNG", Set.of(400, 415, 422), http.postSubmission(submissions, token,
                UUID.randomUUID().toString(), application, Map.of("photo.png", new byte[] {0x7f, 'E', 'L', 'F', 2, 1,
                        1, 0, 0, 0, 0, 0, 0, 0, 0, 0})), "");
        probe("JSON instead of multipart on submit", Set.of(400, 415), http.postJson(submissions, token,
                UUID.randomUUID().toString(), application), "");
        Http.Response traversal = http.postSubmission(submissions, token, UUID.randomUUID().toString(), application,
                Map.of("../../../../etc/passwd", "date,usage\n2026-11-01,0\n".getBytes(StandardCharsets.UTF_8)));
        probe("path traversal in the evidence file name", Set.of(), traversal, "");
        if (traversal.is2xx()) {
            acceptedRefund(traversal, "http-hostile");
            Http.Response view = http.get(intake() + "/api/cases/" + caseId, token);
            probe("case after a traversal file name shows no system file", Set.of(200), view, "");
            if (view.body().contains("root:x:0:0")) {
                probes.add(new Probe("system file content in a case view", Set.of(), 500, true, "root:x:0:0"));
            }
        }
    }

    private void injections() {
        String token = tokens.customer(attacker);
        String cases = intake() + "/api/cases";
        for (String field : List.of("orderId", "channel", "description", "customerId")) {
            for (String injection : INJECTIONS) {
                ObjectNode body = json.createObjectNode();
                body.put("orderId", nextOrder());
                body.put("channel", "WEB");
                body.put("description", "fault suite injection");
                body.put(field, injection);
                String text = json.writeValueAsString(body);
                probe("contact." + field + " = " + printable(injection), Set.of(),
                        http.postJson(cases, token, UUID.randomUUID().toString(), text), text);
            }
        }
        for (String field : List.of("ground", "kind", "description", "contactEmail", "phone", "locale")) {
            for (String injection : INJECTIONS) {
                String caseId = openAttackerCase(token);
                ObjectNode body = json.createObjectNode();
                body.put("ground", "UNSATISFIED");
                body.put("kind", "REFUND");
                body.put("description", "fault suite injection");
                body.put("contactEmail", attacker + "@faults.test");
                body.put(field, injection);
                String text = json.writeValueAsString(body);
                Http.Response response = http.postSubmission(cases + "/" + caseId + "/submissions", token,
                        UUID.randomUUID().toString(), text, Map.of());
                probe("submit." + field + " = " + printable(injection), Set.of(), response, text);
                if (response.is2xx()) {
                    acceptedRefund(response, "http-hostile");
                }
            }
        }
        for (String injection : INJECTIONS) {
            String encoded = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
            probe("path caseId = " + printable(injection), Set.of(), http.get(cases + "/" + encoded, token), injection);
            probe("query page = " + printable(injection), Set.of(400), http.get(cases + "?page=" + encoded, token),
                    injection);
            probe("query customerId = " + printable(injection), Set.of(), http.get(cases + "?customerId=" + encoded,
                    token), injection);
            probe("review refundId = " + printable(injection) + " (ops)", Set.of(), http.get(evaluator()
                    + "/api/reviews/" + encoded, tokens.ops("ops-1")), injection);
        }
        probe("encoded traversal in the path", Set.of(), http.get(cases + "/..%2f..%2f..%2fetc%2fpasswd", token), "");
    }

    private void rawHeaders() {
        URI uri = URI.create(intake());
        String token = tokens.customer(attacker);
        String body = "{\"orderId\":\"" + nextOrder() + "\",\"channel\":\"WEB\",\"description\":\"crlf\"}";
        for (Map.Entry<String, String> header : Map.of(
                "CR LF inside Idempotency-Key", "Idempotency-Key: k-" + UUID.randomUUID() + "\r\nX-Injected: yes",
                "bare CR inside Idempotency-Key", "Idempotency-Key: k-" + UUID.randomUUID() + "\rX-Injected: yes",
                "bare LF inside Authorization", "Authorization: Bearer " + token.substring(0, 10) + "\nX-Injected: yes",
                "NUL inside a header", "X-Test: a\u0000b").entrySet()) {
            String request = "POST /api/cases HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + (header.getKey().contains("Authorization") ? "" : "Authorization: Bearer " + token + "\r\n")
                    + header.getValue() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
            Http.Response response = Http.raw(uri.getHost(), uri.getPort(), request);
            boolean reflected = response.body().lines().takeWhile(l -> !l.isEmpty())
                    .anyMatch(l -> l.toLowerCase().startsWith("x-injected"));
            probes.add(new Probe("raw: " + header.getKey(), Set.of(), response.status(), reflected,
                    start(response.body())));
        }
    }

    private String openAttackerCase(String token) {
        String orderId = nextOrder();
        Http.Response opened = http.postJson(intake() + "/api/cases", token, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\",\"channel\":\"WEB\",\"description\":\"attacker case\"}");
        require(opened, "attacker contact");
        return json.readTree(opened.body()).path("caseId").asString();
    }

    private void acceptedRefund(Http.Response response, String path) {
        String refundId = json.readTree(response.body()).path("refundId").asString();
        if (refundId != null && !refundId.isBlank()) {
            ledger.accepted(refundId, path, Scenario.SAAS_INSIDE_GUARANTEE, attacker);
        }
    }

    private String nextOrder() {
        String order = attackerOrders.poll();
        if (order == null) {
            throw new IllegalStateException("out of attacker orders");
        }
        return order;
    }

    private void probe(String name, Set<Integer> allowed, Http.Response response, String request) {
        boolean leaked = false;
        for (String secret : victimSecrets) {
            if (secret != null && !secret.isBlank() && !request.contains(secret) && response.body().contains(secret)) {
                leaked = true;
            }
        }
        probes.add(new Probe(name, allowed, response.status(), leaked, start(response.body())));
    }

    private static void require(Http.Response response, String what) {
        if (!response.is2xx()) {
            throw new IllegalStateException(what + " failed: " + response.status() + " " + start(response.body()));
        }
    }

    private static String start(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The admission gate's 503 overloaded answers the probes waited out before their real answer. */
    int overloadedRetries() {
        return http.overloadedRetries.get();
    }

    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        probes.forEach(p -> counts.merge(p.status(), 1, Integer::sum));
        return counts;
    }
}
