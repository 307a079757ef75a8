package io.refundflow.evaluator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped policy file's text, and variants of it for candidate and broken policies. */
public final class PolicyTexts {

    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version: \"([^\"]+)\"$");

    private PolicyTexts() {
    }

    public static String bundled() {
        try (InputStream in = PolicyTexts.class.getResourceAsStream("/policy/refund-policy.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The version the shipped file names, read from its text rather than through the engine, so tests that expect
     * it check the engine's reading instead of repeating it (and a new version needs no edit of any test).
     */
    public static String bundledVersion() {
        Matcher version = VERSION_LINE.matcher(bundled());
        if (!version.find()) {
            throw new IllegalStateException("the shipped policy names no version");
        }
        return version.group(1);
    }

    /** {@code text} under another version. */
    public static String withVersion(String text, String version) {
        return VERSION_LINE.matcher(text).replaceFirst(Matcher.quoteReplacement("version: \"" + version + "\""));
    }

    /** The shipped policy with a 7-day guarantee instead of 5 days, under a new version. */
    public static String sevenDayGuarantee() {
        return withVersion(bundled().replace("guarantee: PT120H", "guarantee: PT168H"), "2026.12-candidate");
    }

    /** The shipped policy whose first guarantee rule names a window that is not declared. */
    public static String unknownWindow() {
        return bundled().replaceFirst("withinWindow: guarantee", "withinWindow: warranty");
    }

    /** A dry-run body: a 100.00 CNY order of the given kind paid at 2026-11-01T08:00Z, asked about days later. */
    public static String dryRunBody(String orderId, String productKind, int daysAfterPayment) {
        return """
                {"order": {"orderId": "%s", "customerId": "c-1", "productKind": "%s", "billingMode": "SUBSCRIPTION",
                           "paidAmount": {"amount": "100.00", "currency": "CNY"},
                           "paidAt": "2026-11-01T08:00:00Z", "termStart": "2026-11-01T08:00:00Z",
                           "termEnd": "2027-11-01T08:00:00Z"},
                 "request": {"ground": "UNSATISFIED", "kind": "REFUND",
                             "submittedAt": "2026-11-%02dT08:00:00Z"}}""".formatted(orderId, productKind,
                1 + daysAfterPayment);
    }
}
