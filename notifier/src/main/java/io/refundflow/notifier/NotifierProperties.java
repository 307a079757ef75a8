package io.refundflow.notifier;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Everything the notify step can be tuned with ({@code refund.notifier.*}); every value has a default.
 *
 * @param defaultLocale              language of the email when the customer's locale is missing or not
 *                                   served ({@code en} or {@code zh})
 * @param from                       the sender of every email, RFC 5322 form ({@code Name <address>})
 * @param settlementMinBusinessDays  earliest the approved money reaches the customer, in business days
 * @param settlementMaxBusinessDays  latest the approved money reaches the customer, in business days
 * @param batchSize                  how many emails one sender round sends
 * @param pollInterval               how often the sender looks for due emails nobody woke it up for
 *                                   (retries whose back-off ran out, rows left by a restart)
 * @param retry                      back-off and budget for transient SMTP failures
 * @param unconfirmedListLimit       how many UNCONFIRMED emails the ops list shows at most (oldest first)
 * @param smtpConnections            SMTP connections a busy round sends over in parallel (a refund's emails share
 *                                   one, in order)
 * @param outageRetryAfter           the {@code Retry-After} of a 503 the ops API answers while PostgreSQL refuses
 *                                   the notifier (5 s, as intake and the evaluator)
 * @param claimLease                 how long a round's claim on its emails lasts (renewed while the round is
 *                                   still sending): no other sender takes them meanwhile, and should this process
 *                                   die before it records their outcome, they are due again after this long
 */
@ConfigurationProperties("refund.notifier")
public record NotifierProperties(
        String defaultLocale,
        String from,
        Integer settlementMinBusinessDays,
        Integer settlementMaxBusinessDays,
        Integer batchSize,
        Duration pollInterval,
        Retry retry,
        Integer unconfirmedListLimit,
        Integer smtpConnections,
        Duration outageRetryAfter,
        Duration claimLease) {

    @ConstructorBinding
    public NotifierProperties {
        defaultLocale = defaultLocale == null || defaultLocale.isBlank() ? "en" : defaultLocale;
        from = from == null || from.isBlank() ? "Refundflow <no-reply@refundflow.io>" : from;
        settlementMinBusinessDays = settlementMinBusinessDays == null ? 3 : settlementMinBusinessDays;
        settlementMaxBusinessDays = settlementMaxBusinessDays == null ? 5 : settlementMaxBusinessDays;
        batchSize = batchSize == null ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        retry = retry == null ? new Retry(null, null, null, null, null) : retry;
        unconfirmedListLimit = unconfirmedListLimit == null ? 500 : unconfirmedListLimit;
        smtpConnections = smtpConnections == null ? 4 : smtpConnections;
        outageRetryAfter = outageRetryAfter == null ? Duration.ofSeconds(5) : outageRetryAfter;
        claimLease = claimLease == null ? Duration.ofSeconds(30) : claimLease;
        if (claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refund.notifier.claim-lease must be at least 1s");
        }
        if (smtpConnections < 1) {
            throw new IllegalArgumentException("refund.notifier.smtp-connections must be at least 1");
        }
        if (!Languages.isServed(defaultLocale)) {
            throw new IllegalArgumentException("refund.notifier.default-locale must be one of "
                    + Languages.SERVED + ", not '" + defaultLocale + "'");
        }
        if (settlementMinBusinessDays < 0 || settlementMaxBusinessDays < settlementMinBusinessDays) {
            throw new IllegalArgumentException("refund.notifier.settlement-*-business-days: need 0 <= min <= max");
        }
    }

    /** The settings as before the claim lease existed; the lease takes its default. */
    public NotifierProperties(String defaultLocale, String from, Integer settlementMinBusinessDays,
            Integer settlementMaxBusinessDays, Integer batchSize, Duration pollInterval, Retry retry,
            Integer unconfirmedListLimit, Integer smtpConnections, Duration outageRetryAfter) {
        this(defaultLocale, from, settlementMinBusinessDays, settlementMaxBusinessDays, batchSize, pollInterval,
                retry, unconfirmedListLimit, smtpConnections, outageRetryAfter, null);
    }

    /** The language an email to a customer with this locale is written in. */
    public Locale languageFor(String customerLocale) {
        return Languages.isServed(customerLocale) ? Languages.of(customerLocale) : Languages.of(defaultLocale);
    }

    /**
     * Transient failures (SMTP away, 4xx answers, time-outs) are retried after {@code initialBackoff}, each
     * pause {@code multiplier} times the last, at most {@code maxBackoff}; the email is given up and its
     * decision dead-lettered after {@code maxAttempts} attempts or once it is {@code maxAge} old, whichever
     * comes first.
     */
    public record Retry(Duration initialBackoff, Double multiplier, Duration maxBackoff, Integer maxAttempts,
            Duration maxAge) {

        public Retry {
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
            maxAttempts = maxAttempts == null ? 30 : maxAttempts;
            maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
            if (multiplier < 1.0 || maxAttempts < 1) {
                throw new IllegalArgumentException("refund.notifier.retry: multiplier >= 1 and max-attempts >= 1");
            }
        }

        /** The pause after the {@code attempt}-th failed attempt (1-based). */
        public Duration backoffAfter(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
        }
    }

    /** The languages the emails are written in. */
    public static final class Languages {

        static final java.util.List<String> SERVED = java.util.List.of("en", "zh");

        private Languages() {
        }

        public static boolean isServed(String locale) {
            return locale != null && SERVED.contains(primary(locale));
        }

        static Locale of(String locale) {
            return "zh".equals(primary(locale)) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        }

        private static String primary(String locale) {
            return locale.toLowerCase(Locale.ROOT).split("[-_]")[0];
        }
    }
}
