package io.refundflow.platform.inbox;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;

/**
 * For a test that publishes records before its {@link EventHandler} reads them (to see them come in one poll):
 * the handlers' listeners start only when the test starts them, by their id, the topic's name.
 */
@TestConfiguration
class HandlersStartedByTheTest {

    @Bean
    static BeanPostProcessor handlersStartedByTheTest() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (RecordBatches.CONTAINER_FACTORY.equals(name)) {
                    ((AbstractKafkaListenerContainerFactory<?, ?, ?>) bean).setAutoStartup(false);
                }
                return bean;
            }
        };
    }
}
