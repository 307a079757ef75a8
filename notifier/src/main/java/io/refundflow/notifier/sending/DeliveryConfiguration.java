package io.refundflow.notifier.sending;

import io.refundflow.events.EventCodec;
import io.refundflow.notifier.NotifierProperties;
import io.refundflow.platform.outbox.OutboxWriter;
import jakarta.mail.util.StreamProvider;
import java.time.Clock;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /** The system property Jakarta Mail reads before it scans the class path for its stream provider. */
    static final String STREAM_PROVIDER = StreamProvider.class.getName();

    @Bean
    DeliverySender deliverySender(DeliveryRepository repository, TransactionTemplate transactions,
            JavaMailSenderImpl mail, OutboxWriter outbox, NotifierProperties properties, Clock clock,
            EventCodec codec, @Value("${spring.application.name}") String source) {
        namePreferredStreamProvider();
        return new DeliverySender(repository, transactions, mail, outbox, properties, clock, codec.mapper(), source);
    }

    /**
     * Jakarta Mail 2.1 looks its {@link StreamProvider} up anew in every multipart, body part and header block of
     * every message, with a {@code ServiceLoader} scan of the class path unless this system property names the
     * class (jakartaee/mail-api issues 699 and 861): in a profile of the sender that scan was a large share of the
     * CPU per email. Naming Angus Mail's provider, the one the scan finds anyway, turns it into a class look-up;
     * should that class not load, Jakarta Mail falls back to the scan. A value set from outside is kept.
     */
    static void namePreferredStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
    }
}
