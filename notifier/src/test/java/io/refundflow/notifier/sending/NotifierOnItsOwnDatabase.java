package io.refundflow.notifier.sending;

import io.refundflow.notifier.NotifierApplication;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.RefusableDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier running on a database of its own, sending to an SMTP port of the test's choosing: only the emails
 * the test records are in its table, so counts on the SMTP side are the test's own. It reads only decisions
 * published from now on (a consumer group of its own, from the latest offset): other tests' are not its business.
 */
public final class NotifierOnItsOwnDatabase implements AutoCloseable {

    private static final int POOL_SIZE = 4;

    private final RefusableDatabase database;
    private final ConfigurableApplicationContext notifier;

    /** @param settings further {@code --key=value} arguments */
    public NotifierOnItsOwnDatabase(String name, int smtpPort, String... settings) {
        RealInfrastructure infra = RealInfrastructure.get();
        this.database = new RefusableDatabase(name);
        String[] common = {
                "--server.port=0",
                "--spring.application.name=" + name + "-" + UUID.randomUUID(),
                "--spring.kafka.consumer.auto-offset-reset=latest",
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                // a few connections are all it needs (sender, relay, listener): the server is shared by every test
                "--spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort};
        this.notifier = new SpringApplicationBuilder(NotifierApplication.class).profiles("test")
                .run(Stream.concat(Stream.of(common), Stream.of(settings)).toArray(String[]::new));
    }

    public <T> T bean(Class<T> type) {
        return notifier.getBean(type);
    }

    /**
     * Records {@code count} PENDING emails at once (one transaction, so one round can take them all) and wakes the
     * sender; returns their ids.
     */
    List<String> recordEmails(int count, String text) {
        DeliveryRepository repository = bean(DeliveryRepository.class);
        Clock clock = bean(Clock.class);
        List<String> ids = new ArrayList<>();
        List<DeliveryRepository.NewDelivery> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String refundId = "R-" + id.substring(0, 8);
            emails.add(new DeliveryRepository.NewDelivery(id, refundId, null, "io.refundflow.refund.rejected.v1",
                    "c-" + id, refundId + "@customers.example", "en", "Your refund request", text,
                    "<p>" + text + "</p>", MessageIds.of(id), "{}", "{}", "refund.decisions", "O-" + id, false));
            ids.add(id);
        }
        bean(TransactionTemplate.class).executeWithoutResult(
                status -> repository.insertPending(emails, clock.instant()));
        bean(DeliverySender.class).wakeUp();
        return ids;
    }

    /** How many of these emails are SENT. */
    int sent(Collection<String> ids) {
        Integer sent = bean(JdbcTemplate.class).queryForObject(
                "select count(*) from email_delivery where status = 'SENT' and decision_event_id = any(?)",
                Integer.class, (Object) ids.toArray(String[]::new));
        return sent == null ? 0 : sent;
    }

    /** How often each of these emails was attempted. */
    List<Integer> attempts(Collection<String> ids) {
        return bean(JdbcTemplate.class).queryForList(
                "select attempts from email_delivery where decision_event_id = any(?)", Integer.class,
                (Object) ids.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            notifier.close();
        } finally {
            database.close();
        }
    }
}
