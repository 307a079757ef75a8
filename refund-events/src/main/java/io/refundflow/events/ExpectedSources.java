package io.refundflow.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The producers a consumer expects on each topic, by CloudEvents {@code source}: written as
 * {@code topic=source,source;topic=source}. A topic it does not name accepts any source. The broker's ACLs decide
 * who may write a topic; this check is the consumer's second line, so that a writer that gets past them (a
 * misconfigured ACL, a replay tool, a leaked credential of another producer) still cannot pass for a service.
 */
public record ExpectedSources(Map<String, Set<String>> byTopic) {

    public static final ExpectedSources ANY = new ExpectedSources(Map.of());

    public ExpectedSources {
        byTopic = Map.copyOf(byTopic);
    }

    public static ExpectedSources parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        return new ExpectedSources(Arrays.stream(text.split(";"))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> {
                    int equals = entry.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("expected sources: '" + entry
                                + "' is not topic=source[,source...]");
                    }
                    return Map.entry(entry.substring(0, equals).strip(), List.of(entry.substring(equals + 1)
                            .split(",")));
                })
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()))));
    }

    /** @throws InvalidEventException naming the header when {@code source} is not expected on {@code topic} */
    public void check(String topic, String source) {
        Set<String> expected = byTopic.get(topic);
        if (expected != null && !expected.contains(source)) {
            throw new InvalidEventException("header " + CloudEventHeaders.SOURCE + ": '" + source
                    + "' is not an expected producer of " + topic + " (expected " + expected.stream().sorted().toList()
                    + ")");
        }
    }
}
