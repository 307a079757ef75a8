package io.refundflow.notifier.delivery;

import io.refundflow.events.EventCodec;
import io.refundflow.notifier.NotifierProperties;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliverySender deliverySender(DeliveryRepository repository, TransactionTemplate transactions,
            JavaMailSenderImpl mail, OutboxWriter outbox, NotifierProperties properties, Clock clock,
            EventCodec codec, @Value("${spring.application.name}") String source) {
        return new DeliverySender(repository, transactions, mail, outbox, properties, clock, codec.mapper(), source);
    }
}
