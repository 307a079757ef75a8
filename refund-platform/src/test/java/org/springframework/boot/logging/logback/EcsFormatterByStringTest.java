package org.springframework.boot.logging.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.CommonStructuredLogFormat;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The services' log lines are Spring Boot's ECS lines byte for byte: the formatter only takes a cheaper way to the
 * bytes. Both are made as Boot's logback encoder makes them, by its formatter factory from the same settings.
 */
class EcsFormatterByStringTest {

    private final LoggerContext logback = new LoggerContext();
    private StructuredLogFormatter<ILoggingEvent> boots;
    private StructuredLogFormatter<ILoggingEvent> byString;

    @BeforeEach
    void formatters() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("spring.application.name", "refund-intake")));
        ThrowableProxyConverter throwables = new ThrowableProxyConverter();
        throwables.setContext(logback);
        throwables.start();
        StructuredLogFormatterFactory<ILoggingEvent> factory = new StructuredLogFormatterFactory<>(
                ILoggingEvent.class, environment, parameters -> parameters.add(ThrowableProxyConverter.class,
                        throwables),
                common -> common.add(CommonStructuredLogFormat.ELASTIC_COMMON_SCHEMA,
                        made -> new ElasticCommonSchemaStructuredLogFormatter(made.getArg(Environment.class),
                                made.getArg(StackTracePrinter.class), made.getArg(ContextPairs.class),
                                made.getArg(ThrowableProxyConverter.class),
                                made.getArg(StructuredLoggingJsonMembersCustomizer.Builder.class))));
        boots = factory.get("ecs");
        byString = factory.get(EcsFormatterByString.class.getName());
    }

    @Test
    void aLineWithAnMdcAndCharactersBeyondAsciiIsBootsOwnBytes() {
        // given a line about a refund, in Chinese, with an emoji (a surrogate pair) and characters JSON escapes
        ILoggingEvent event = event("退款 RF-2026-000123 已批准 ✅ 💶 \"quoted\" \\ tab\t end", null);

        // when
        byte[] line = byString.formatAsBytes(event, StandardCharsets.UTF_8);

        // then
        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo(new String(boots.formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("\"refundId\":\"r-1\"", "💶");
    }

    @Test
    void aLineWithAnExceptionIsBootsOwnBytes() {
        // given
        ILoggingEvent event = event("publishing failed", new IllegalStateException("broker away"));

        // when
        byte[] line = byString.formatAsBytes(event, StandardCharsets.UTF_8);

        // then
        assertThat(line).isEqualTo(boots.formatAsBytes(event, StandardCharsets.UTF_8));
        assertThat(new String(line, StandardCharsets.UTF_8)).contains("broker away");
    }

    private ILoggingEvent event(String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("test", logback.getLogger("io.refundflow.intake"), Level.INFO, message,
                thrown, null);
        event.setMDCPropertyMap(Map.of("refundId", "r-1"));
        event.setTimeStamp(1_700_000_000_000L);
        return event;
    }
}
