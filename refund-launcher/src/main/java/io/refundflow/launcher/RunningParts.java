package io.refundflow.launcher;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a run has started (Kafka, PostgreSQL, mail, the services, billing's stand-in), to be stopped in reverse
 * order: the last started first, so that a service stops before the broker and the database it uses. Used by the
 * launcher and the benchmark, from their main thread and from their shutdown hook (Ctrl-C while still starting),
 * hence synchronized.
 */
public final class RunningParts {

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    /** Remembers a part that has started; returns it. */
    public synchronized <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
    }

    /**
     * Stops every part, the last started first, announcing it when there is anything to stop; a part that fails
     * to stop is reported and the others are still stopped. Stopping again does nothing.
     */
    public synchronized void stopAll(String announcement) {
        if (!running.isEmpty()) {
            System.out.println(announcement);
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("  while stopping: " + e.getMessage());
            }
        }
    }
}
