package io.refundflow.intake.problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.module.SimpleModule;

/** Registers {@link TextWithoutControlCharacters} with the application's JSON mapper. */
@Configuration(proxyBeanMethods = false)
class TextGuard {

    @Bean
    SimpleModule textWithoutControlCharacters() {
        return new SimpleModule("text-without-control-characters")
                .addDeserializer(String.class, new TextWithoutControlCharacters());
    }
}
