package io.refundflow.faults;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.Emails;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The money controls beside the ledger, attacked as issue 24's red team did: an exchange approved into cash,
 * four eyes split over two cases of one order, a machine client as the second reviewer, a partner's words in a
 * customer's mail, and a partner's open request locking the owner out. Each attempt counts its successes; the
 * suite requires none.
 */
final class MoneyControlAttacks {

    /** Text a partner chose; no customer email may carry it. */
    static final String PARTNER_WORDS = "URGENT-call-4001234567-payout";

    /** One attack: how often it got through and what stopped it (or what it achieved). */
    record Attempt(String attack, int successes, String outcome) {
    }

    private static final String LARGE_PAID = "9000.00";
    private static final String REASON = "{\"en\":\"Checked the customer's account by hand\","
            + "\"zh\":\"已人工核对客户账户\"}";
    private static final Duration REVIEW_WAIT = Duration.ofSeconds(90);
    private static final String OPEN_REQUEST_EXISTS = "/problems/open-request-exists";

    private final SystemUnderTest system;
    private final DemoTokens tokens;
    private final String run;
    private final Clock clock = Clock.systemUTC();
    /** The attacks must reach the money controls behind intake's admission gate, which refuses under load. */
    private final Http http = Http.patientWithTheGate(FaultSettings.GATE_PATIENCE);
    private final JsonMapper json = JsonMapper.builder().build();
    final List<Attempt> attempts = new ArrayList<>();
    /** Attacks that could not be made (a setup step failed): the suite cannot say they were stopped. */
    final List<String> notMade = new ArrayList<>();

    private String exchangeOrder;
    private String splitOrder;
    private String machineOrder;
    private String partnerWordsOrder;
    private String strangerOrder;
    private String lockoutOrder;

    MoneyControlAttacks(SystemUnderTest system, DemoTokens tokens, String run) {
        this.system = system;
        this.tokens = tokens;
        this.run = run;
    }

    /** Billing orders the attacks refer to; published with the stream's, before start-up. */
    void publishOrders(EventPublisher billing) {
        Instant now = clock.instant();
        exchangeOrder = publish(billing, "fo-" + run + "-exchange", ProductKind.API_OR_DOWNLOAD, "49.00", 1, now);
        splitOrder = publish(billing, "fo-" + run + "-split", ProductKind.SAAS, LARGE_PAID, 9, now);
        machineOrder = publish(billing, "fo-" + run + "-machine", ProductKind.SAAS, LARGE_PAID, 9, now);
        partnerWordsOrder = publish(billing, "fo-" + run + "-words", ProductKind.SAAS, "120.00", 9, now);
        strangerOrder = publish(billing, "fo-" + run + "-stranger", ProductKind.SAAS, "120.00", 1, now);
        lockoutOrder = publish(billing, "fo-" + run + "-lockout", ProductKind.SAAS, "120.00", 9, now);
    }

    void runAll(EventPublisher partner) {
        attempt("approved exchange pays cash", this::exchangeIntoCash);
        attempt("four eyes split over two cases of one order", this::splitFourEyes);
        attempt("machine client (client credentials) as the second reviewer", this::machineSecondApprover);
        attempt("partner's refund id in a customer's email (owner named)", () -> partnerWords(partner));
        attempt("partner request naming a customer who does not own the order", () -> partnerStranger(partner));
        attempt("partner's open request locks the owner out", () -> partnerLockout(partner));
    }

    /** Counts emails that carry what a partner chose, or that went to the owner of the stranger's order. */
    void checkMail(List<MimeMessage> mail) {
        int words = 0;
        int stranger = 0;
        int toWordsOwner = 0;
        for (MimeMessage message : mail) {
            String text = raw(message);
            if (text.contains(PARTNER_WORDS)) {
                words++;
            }
            if (text.contains(owner(partnerWordsOrder) + "@faults.test")) {
                toWordsOwner++;
            }
            if (text.contains(owner(strangerOrder) + "@faults.test") || text.contains(strangerOrder)) {
                stranger++;
            }
        }
        if (toWordsOwner == 0) {
            // without the owner's email the check below would pass on a system that mails nobody
            notMade.add("partner's words in mail: the owner of " + partnerWordsOrder + " got no email at all");
        }
        attempts.add(new Attempt("partner's words in any customer email", words, words == 0
                ? "no email carries " + PARTNER_WORDS : words + " emails carry " + PARTNER_WORDS));
        attempts.add(new Attempt("email about the order a partner named a stranger for", stranger, stranger == 0
                ? "nobody was mailed" : stranger + " emails about " + strangerOrder));
    }

    private Attempt exchangeIntoCash() {
        String refundId = submit(exchangeOrder, Ground.UNSATISFIED, RequestKind.EXCHANGE);
        Http.Response decided = claimAndDecide(refundId, tokens.ops("ops-1"), "{\"approved\":true}");
        JsonNode outcome = body(decided);
        boolean paid = decided.is2xx() && !outcome.path("amount").isNull() && !outcome.path("amount").isMissingNode();
        return new Attempt("", paid ? 1 : 0, paid ? "approved " + outcome.path("amount")
                : "approval " + decided.status() + ", amount " + outcome.path("amount") + ", reason code "
                        + outcome.path("reasonCode").asString());
    }

    private Attempt splitFourEyes() {
        String reviewer = "ops-split-" + run;
        String first = submit(splitOrder, Ground.QUALITY_ISSUE, RequestKind.REFUND);
        Http.Response one = claimAndDecide(first, tokens.ops(reviewer), approval("4000.00"));
        String second = submitOnceClosed(splitOrder, Ground.QUALITY_ISSUE, RequestKind.REFUND);
        Http.Response two = claimAndDecide(second, tokens.ops(reviewer), approval("3000.00"));
        boolean split = one.is2xx() && "DECIDED".equals(body(one).path("status").asString())
                && two.is2xx() && "DECIDED".equals(body(two).path("status").asString());
        return new Attempt("", split ? 1 : 0, "4000.00 CNY then 3000.00 CNY by one reviewer (threshold 5000.00):"
                + " first " + status(one) + ", second " + status(two));
    }

    private Attempt machineSecondApprover() {
        String refundId = submit(machineOrder, Ground.QUALITY_ISSUE, RequestKind.REFUND);
        Http.Response first = claimAndDecide(refundId, tokens.ops("ops-1"), approval("6000.00"));
        String machine = tokens.machine("ops-cli", List.of("ops"));
        Http.Response second = http.postJson(reviews() + "/" + refundId + "/decision", machine,
                UUID.randomUUID().toString(), "{\"approved\":true}");
        boolean counted = second.is2xx();
        return new Attempt("", counted ? 1 : 0, "first approval " + status(first) + "; ops-cli's second approval "
                + status(second));
    }

    private Attempt partnerWords(EventPublisher partner) {
        String refundId = PARTNER_WORDS + "-" + run;
        partner.publishAsPartner(EventEnvelope.of("partner", request(refundId, partnerWordsOrder,
                owner(partnerWordsOrder), Ground.UNSATISFIED), clock));
        return new Attempt("", 0, "published " + refundId + " (a rejection follows; emails checked at the end)");
    }

    private Attempt partnerStranger(EventPublisher partner) {
        String refundId = "fx-" + run + "-stranger";
        partner.publishAsPartner(EventEnvelope.of("partner", request(refundId, strangerOrder, "fc-" + run
                + "-someone-else", Ground.UNSATISFIED), clock));
        Http.Response review = awaitReview(refundId, Duration.ofSeconds(20));
        boolean opened = review.is2xx();
        return new Attempt("", opened ? 1 : 0, opened ? "a case was opened and reached review"
                : "no case reached review within 20 s (emails checked at the end)");
    }

    private Attempt partnerLockout(EventPublisher partner) {
        String partnerRefund = "fx-" + run + "-lockout";
        partner.publishAsPartner(EventEnvelope.of("partner", request(partnerRefund, lockoutOrder,
                owner(lockoutOrder), Ground.QUALITY_ISSUE), clock));
        Http.Response review = awaitReview(partnerRefund, REVIEW_WAIT);
        String own = trySubmit(lockoutOrder, Ground.UNSATISFIED, RequestKind.REFUND);
        boolean locked = own.startsWith("refused");
        return new Attempt("", locked ? 1 : 0, "partner request under review: " + review.status()
                + "; the owner's own request: " + own);
    }

    private void attempt(String attack, java.util.function.Supplier<Attempt> run) {
        try {
            Attempt result = run.get();
            attempts.add(new Attempt(attack, result.successes(), result.outcome()));
        } catch (RuntimeException e) {
            notMade.add(attack + ": " + e.getMessage());
        }
    }

    private String submit(String orderId, Ground ground, RequestKind kind) {
        String answer = trySubmit(orderId, ground, kind);
        if (answer.startsWith("refused")) {
            throw new IllegalStateException(answer);
        }
        return answer;
    }

    /**
     * Submits once intake has closed the order's previous case: the decision reaches intake over Kafka, so a
     * request sent right after the reviewer's answer can still meet the open case and be refused for it.
     */
    private String submitOnceClosed(String orderId, Ground ground, RequestKind kind) {
        long deadline = System.currentTimeMillis() + REVIEW_WAIT.toMillis();
        String answer = trySubmit(orderId, ground, kind);
        while (answer.contains(OPEN_REQUEST_EXISTS) && System.currentTimeMillis() < deadline) {
            sleep();
            answer = trySubmit(orderId, ground, kind);
        }
        if (answer.startsWith("refused")) {
            throw new IllegalStateException(answer);
        }
        return answer;
    }

    /** Contact and submit as the order's owner: the refund id, or "refused ..." with the answer. */
    private String trySubmit(String orderId, Ground ground, RequestKind kind) {
        String customer = owner(orderId);
        String token = tokens.customer(customer);
        Http.Response opened = http.postJson(intake() + "/api/cases", token, UUID.randomUUID().toString(),
                "{\"orderId\":\"" + orderId + "\",\"channel\":\"WEB\",\"description\":\"money controls\"}");
        if (!opened.is2xx()) {
            return "refused at contact: " + opened.status() + " " + opened.body();
        }
        String caseId = body(opened).path("caseId").asString();
        Http.Response submitted = http.postSubmission(intake() + "/api/cases/" + caseId + "/submissions", token,
                UUID.randomUUID().toString(), "{\"ground\":\"" + ground + "\",\"kind\":\"" + kind
                        + "\",\"description\":\"money controls\",\"contactEmail\":\"" + customer + "@faults.test\"}",
                Map.of());
        if (!submitted.is2xx()) {
            return "refused at submit: " + submitted.status() + " " + submitted.body();
        }
        return body(submitted).path("refundId").asString();
    }

    private Http.Response claimAndDecide(String refundId, String token, String decision) {
        Http.Response review = awaitReview(refundId, REVIEW_WAIT);
        if (!review.is2xx()) {
            throw new IllegalStateException("no review case for " + refundId + ": " + review.status());
        }
        Http.Response claimed = http.postJson(reviews() + "/" + refundId + "/claim", token,
                UUID.randomUUID().toString(), "{}");
        if (!claimed.is2xx()) {
            throw new IllegalStateException("claim of " + refundId + " refused: " + claimed.status() + " "
                    + claimed.body());
        }
        return http.postJson(reviews() + "/" + refundId + "/decision", token, UUID.randomUUID().toString(), decision);
    }

    private Http.Response awaitReview(String refundId, Duration wait) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        Http.Response answer;
        do {
            answer = http.get(reviews() + "/" + refundId, tokens.ops("ops-1"));
            if (answer.is2xx()) {
                return answer;
            }
            sleep();
        } while (System.currentTimeMillis() < deadline);
        return answer;
    }

    private RefundRequested request(String refundId, String orderId, String customerId, Ground ground) {
        return new RefundRequested(refundId, null, orderId, customerId, ground, RequestKind.REFUND,
                "Call " + PARTNER_WORDS + " now", "en", List.of(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private String publish(EventPublisher billing, String orderId, ProductKind product, String paid, int daysAgo,
            Instant now) {
        Instant paidAt = now.minus(Duration.ofDays(daysAgo));
        String customer = "fc-" + orderId;
        billing.publish(EventEnvelope.of(DemoBilling.SOURCE, new BillingOrder(orderId, customer,
                customer + "@faults.test", "en", product, BillingMode.SUBSCRIPTION, Money.of(paid, "CNY"), paidAt,
                paidAt, paidAt.plus(Duration.ofDays(90)), null, null, Money.zero("CNY")), clock));
        return orderId;
    }

    private static String owner(String orderId) {
        return "fc-" + orderId;
    }

    private static String approval(String amount) {
        return "{\"approved\":true,\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"},\"reason\":"
                + REASON + "}";
    }

    private String status(Http.Response answer) {
        return answer.status() + (answer.is2xx() ? " " + body(answer).path("status").asString()
                : " " + body(answer).path("type").asString());
    }

    private JsonNode body(Http.Response answer) {
        try {
            return json.readTree(answer.body());
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private String intake() {
        return system.baseUrl("refund-intake");
    }

    private String reviews() {
        return system.baseUrl("policy-evaluator") + "/api/reviews";
    }

    /** What a customer reads: subject, recipients, text and HTML parts, decoded. */
    private static String raw(MimeMessage message) {
        try {
            return message.getSubject() + " " + java.util.Arrays.toString(message.getAllRecipients()) + " "
                    + Emails.text(message) + " " + Emails.html(message);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("unreadable email: " + e, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
