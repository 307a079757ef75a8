package io.refundflow.platform.worker;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The one background thread of a polling worker (the outbox relay, the notifier's sender): it loops while
 * running, can be woken early when new work was committed, and stops promptly even in the middle of a pause.
 */
public final class WorkerThread {

    private final String name;
    private volatile boolean running;
    private volatile Thread thread;

    public WorkerThread(String name) {
        this.name = name;
    }

    public void start(Runnable loop) {
        running = true;
        Thread started = new Thread(loop, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    public boolean isRunning() {
        return running;
    }

    /** Ends the current {@link #awaitWork} at once (a wake-up before it makes the next one return at once). */
    public void wakeUp() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** Waits for a wake-up, at most {@code pollInterval}: the safety net for work nobody announced. */
    public void awaitWork(Duration pollInterval) {
        LockSupport.parkNanos(pollInterval.toNanos());
    }

    /** Pauses for the whole {@code pause} (wake-ups do not shorten it), unless the worker is stopped. */
    public void pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        while (running && System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    /** Asks the loop to end and waits up to {@code grace} for the round in progress to finish. */
    public void stop(Duration grace) {
        running = false;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }
}
