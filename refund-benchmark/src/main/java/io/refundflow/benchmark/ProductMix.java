package io.refundflow.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A weighted mix of scenarios, e.g. {@code SAAS=4,SERVER=1}, turned into a deterministic sequence (smooth
 * weighted round robin) so that every prefix of a run already has the mix's proportions.
 */
public final class ProductMix {

    public static final String DEFAULT = "SAAS=4,SERVICE=1,IMAGE=1,API_OR_DOWNLOAD=1,SERVER=1";

    private final Map<Scenario, Integer> weights;
    private final List<Scenario> order;
    private final int[] current;
    private final int total;

    private ProductMix(Map<Scenario, Integer> weights) {
        this.weights = Collections.unmodifiableMap(new EnumMap<>(weights));
        this.order = new ArrayList<>(weights.keySet());
        this.current = new int[order.size()];
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Parses {@code NAME=weight,...}; a name without a weight counts 1. Names are {@link Scenario} names. */
    public static ProductMix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--mix: empty; e.g. " + DEFAULT);
        }
        Map<Scenario, Integer> weights = new EnumMap<>(Scenario.class);
        for (String item : text.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            String name = parts[0].trim().toUpperCase(Locale.ROOT).replace('-', '_');
            Scenario scenario;
            try {
                scenario = Scenario.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mix: unknown kind '" + parts[0].trim() + "'; known: "
                        + List.of(Scenario.values()));
            }
            int weight;
            try {
                weight = parts.length == 1 ? 1 : Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: weight of " + name + " is not a whole number: '"
                        + parts[1].trim() + "'");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("--mix: weight of " + name + " is negative");
            }
            if (weight > 0) {
                weights.merge(scenario, weight, Integer::sum);
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("--mix: no kind with a positive weight in '" + text + "'");
        }
        return new ProductMix(weights);
    }

    public Map<Scenario, Integer> weights() {
        return weights;
    }

    /** The next scenario of the sequence (smooth weighted round robin, as nginx balances upstreams). */
    public synchronized Scenario next() {
        int best = -1;
        for (int i = 0; i < order.size(); i++) {
            current[i] += weights.get(order.get(i));
            if (best < 0 || current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return order.get(best);
    }

    /** A fresh sequence with the same weights (each run phase starts from the beginning). */
    public ProductMix restart() {
        return new ProductMix(weights);
    }

    /** Whether every scenario is decided without a person. */
    public boolean automaticOnly() {
        return weights.keySet().stream().noneMatch(s -> s.expected() == Scenario.Outcome.MANUAL_REVIEW);
    }

    @Override
    public String toString() {
        return weights.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
