package io.refundflow.evaluator.policy;

import io.refundflow.events.Ground;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy's durations (ISO-8601, each positive): its windows, how long a manual review may take and how long a
 * customer asked for evidence has to answer. Messages name the key, as {@link PolicyCompiler}'s do.
 */
final class PolicyDurations {

    private final PolicyValues values;

    PolicyDurations(PolicyValues values) {
        this.values = values;
    }

    /** How long a customer asked for more evidence has to add it; none when left out (asking is then refused). */
    Duration evidenceAnswerWithin(String declared) {
        if (declared == null) {
            return null;
        }
        return positiveDuration(declared, "evidenceAnswerWithin", "P7D");
    }

    /**
     * Over how long what one reviewer approved alone on an order counts towards the four-eyes threshold; none when
     * left out (then every earlier approval on the order counts).
     */
    Duration fourEyesWindow(String declared) {
        if (declared == null) {
            return null;
        }
        return positiveDuration(declared, "fourEyesWindow", "P30D");
    }

    /** Per ground (or {@code default} for the others), how long a manual review may take; none when left out. */
    Map<String, Duration> reviewDueWithin(Map<String, String> declared) {
        Map<String, Duration> parsed = new LinkedHashMap<>();
        if (declared == null) {
            return parsed;
        }
        declared.forEach((key, text) -> {
            if (!Policy.DEFAULT_DUE.equals(key)
                    && Arrays.stream(Ground.values()).noneMatch(ground -> ground.name().equals(key))) {
                throw values.invalid("reviewDueWithin has unknown ground '" + key + "' (known: "
                        + Arrays.toString(Ground.values()) + " and " + Policy.DEFAULT_DUE + ")");
            }
            parsed.put(key, positiveDuration(text, "reviewDueWithin." + key, "PT48H"));
        });
        return parsed;
    }

    private Duration positiveDuration(String text, String name, String example) {
        try {
            Duration duration = Duration.parse(values.required(text, name));
            if (duration.isNegative() || duration.isZero()) {
                throw values.invalid(name + ": duration must be positive, got " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw values.invalid(name + ": bad duration '" + text + "' (use ISO-8601, e.g. " + example + ")");
        }
    }

    /** The named windows rules refer to ({@code withinWindow}, {@code outsideWindow}), each positive. */
    Map<String, Duration> windows(Map<String, String> declared) {
        Map<String, Duration> parsed = new LinkedHashMap<>();
        if (declared == null) {
            return parsed;
        }
        declared.forEach((name, text) -> {
            try {
                Duration length = Duration.parse(values.required(text, "windows." + name));
                if (length.isNegative() || length.isZero()) {
                    throw values.invalid("window '" + name + "': duration must be positive, got " + text);
                }
                parsed.put(name, length);
            } catch (DateTimeParseException e) {
                throw values.invalid("window '" + name + "': bad duration '" + text
                        + "' (use ISO-8601, e.g. PT120H for 5 x 24 hours)");
            }
        });
        return parsed;
    }
}
