package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A notifier-only measurement of the sending path, in seconds: the notifier (its defaults: lanes, batch size) on a
 * database of its own sends {@code measure.emails} recorded emails (2,000 unless told) to a local GreenMail server,
 * after a warm-up round of a tenth as many. It prints emails/s, the CPU the sender's own threads spent per email
 * (claiming, MIME, SMTP, recording) and the whole JVM's CPU per email (GreenMail and the outbox relay included).
 * Not a test (its name keeps it out of every run); it fails only if an email is not sent exactly once. Run:
 * <pre>
 * mvn -pl notifier -am verify -Dtest=SendingMeasurement -Dsurefire.failIfNoSpecifiedTests=false -DskipPitest \
 *     -Dmeasure.emails=2000
 * </pre>
 */
@EnabledIfSystemProperty(named = "measure.emails", matches = "\\d+")
class SendingMeasurement {

    private static final String[] SENDER_THREADS = {"email-sender", "smtp-lane-", "email-claims"};
    private static final int WARM_UP_SHARE = 10;

    @Test
    void sendRecordedEmails() {
        int emails = Integer.parseInt(System.getProperty("measure.emails", "2000"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (NotifierOnItsOwnDatabase notifier = new NotifierOnItsOwnDatabase("notifier_measure",
                smtp.getSmtp().getPort(), "--logging.level.io.refundflow.notifier.sending=WARN")) {
            send(notifier, Math.max(1, emails / WARM_UP_SHARE));

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long senderCpuBefore = senderCpuNanos(threads);
            long processCpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            send(notifier, emails);
            double seconds = (System.nanoTime() - started) / 1e9;
            double senderCpuMs = (senderCpuNanos(threads) - senderCpuBefore) / 1e6;
            double processCpuMs = (os.getProcessCpuTime() - processCpuBefore) / 1e6;

            System.out.printf(Locale.ROOT, "MEASURE %d emails in %.2f s: %.0f emails/s; sender threads %.3f CPU ms/email;"
                    + " whole JVM %.3f CPU ms/email%n", emails, seconds, emails / seconds, senderCpuMs / emails,
                    processCpuMs / emails);
            assertThat(smtp.getReceivedMessages()).hasSize(emails + Math.max(1, emails / WARM_UP_SHARE));
        } finally {
            smtp.stop();
        }
    }

    /** Records the emails in one transaction, wakes the sender and waits until every one is SENT. */
    private static void send(NotifierOnItsOwnDatabase notifier, int count) {
        List<String> ids = notifier.recordEmails(count, "Your refund of 88.00 CNY could not be approved. ".repeat(20));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> notifier.sent(ids) == count);
    }

    private static long senderCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && isSender(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private static boolean isSender(String name) {
        for (String prefix : SENDER_THREADS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
