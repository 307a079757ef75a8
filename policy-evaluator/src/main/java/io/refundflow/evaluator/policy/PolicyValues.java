package io.refundflow.evaluator.policy;

import io.refundflow.events.LocalizedText;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the values of a policy file (enums, texts, amounts per currency), naming the file and field in an error. */
final class PolicyValues {

    private final String source;

    PolicyValues(String source) {
        this.source = source;
    }

    /** Amounts keyed by ISO currency code, each a non-negative decimal; {@code what} names them in an error. */
    Map<String, BigDecimal> amountsPerCurrency(String what, Map<String, String> declared) {
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        declared.forEach((currency, amount) -> {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw invalid(what + " has unknown currency '" + currency + "'");
            }
            parsed.put(currency, amount(what + "." + currency, amount));
        });
        return parsed;
    }

    /** A non-negative decimal; {@code what} names it in an error. */
    BigDecimal amount(String what, String amount) {
        try {
            BigDecimal parsed = new BigDecimal(required(amount, what));
            if (parsed.signum() < 0) {
                throw invalid(what + " must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(what + " is not an amount: '" + amount + "'");
        }
    }

    <E extends Enum<E>> Set<E> enums(String id, String key, List<String> values, Class<E> type) {
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            throw invalid("rule '" + id + "': " + key + " is an empty list, so the rule can never fire");
        }
        Set<E> parsed = EnumSet.noneOf(type);
        for (String value : values) {
            parsed.add(enumValue(id, key, value, type));
        }
        return parsed;
    }

    <E extends Enum<E>> E enumValue(String id, String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid("rule '" + id + "': unknown " + key + " '" + value + "' (known: "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    LocalizedText text(String id, String key, String en, String zh) {
        if (en == null || en.isBlank()) {
            throw invalid("rule '" + id + "': " + key + " has no English text (en)");
        }
        if (zh == null || zh.isBlank()) {
            throw invalid("rule '" + id + "': " + key + " has no Chinese text (zh)");
        }
        return new LocalizedText(en.strip(), zh.strip());
    }

    String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " is missing");
        }
        return value;
    }

    InvalidPolicyException invalid(String problem) {
        return new InvalidPolicyException(source + ": " + problem);
    }
}
