package io.refundflow.dashboard.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A map that forgets its least recently used (or oldest, by insertion) entry beyond a maximum size. */
final class Bounded<K, V> extends LinkedHashMap<K, V> {

    private final int max;
    private final Consumer<Map.Entry<K, V>> onEvict;

    private Bounded(int max, boolean accessOrder, Consumer<Map.Entry<K, V>> onEvict) {
        super(16, 0.75f, accessOrder);
        this.max = max;
        this.onEvict = onEvict;
    }

    static <K, V> Bounded<K, V> lru(int max) {
        return new Bounded<>(max, true, e -> { });
    }

    static <K, V> Bounded<K, V> lru(int max, Consumer<Map.Entry<K, V>> onEvict) {
        return new Bounded<>(max, true, onEvict);
    }

    static <K, V> Bounded<K, V> fifo(int max) {
        return new Bounded<>(max, false, e -> { });
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > max) {
            onEvict.accept(eldest);
            return true;
        }
        return false;
    }
}
