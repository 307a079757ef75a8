package org.springframework.boot.logging.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS log lines, the same bytes, written through a String: Boot 4.1's own byte path
 * ({@code AppendableByteArray}) allocates a one-char array and a {@code CharBuffer}, and runs the charset encoder,
 * for every character of every JSON string. In the benchmark that path was 5 % of intake's CPU samples, 10 % of
 * the evaluator's, and a quarter of intake's allocation (docs/benchmark.md, "What limits it"); a String built by a
 * StringBuilder and encoded at once costs a fraction of it. Chosen with {@code logging.structured.format.console}.
 *
 * <p>It lives in Boot's package because the ECS formatter it extends is package-private there; a Boot upgrade
 * that changes its constructor fails the build here, and one that fixes the byte path makes this class redundant
 * (delete it and set the property back to {@code ecs}). {@code EcsFormatterByStringTest} holds it to Boot's bytes.
 */
public class EcsFormatterByString extends ElasticCommonSchemaStructuredLogFormatter {

    public EcsFormatterByString(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
            ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        super(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizerBuilder);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }
}
