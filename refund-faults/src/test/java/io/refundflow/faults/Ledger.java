package io.refundflow.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What the suite sent and what the system accepted, and every fault it injected. */
final class Ledger {

    /** One refund the system accepted: a 2xx to the submit, or an acknowledged foreign request event. */
    record Accepted(String refundId, String path, Scenario scenario, String customerId) {
    }

    record Fault(String what, long startedMillis, long durationMillis, String note) {
    }

    final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> notAccepted = new ConcurrentHashMap<>();
    final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> streamStatuses = new ConcurrentHashMap<>();
    final AtomicInteger streamRetries = new AtomicInteger();
    /** The stream's 503s that were intake's admission gate answering an overload; the other 503s are outages. */
    final AtomicInteger streamOverloaded = new AtomicInteger();
    /** The stream's HTTP requests (retries included) by the intake instance they went to. */
    final Map<String, AtomicInteger> streamTargets = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> streamProblems = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

    void sent(String path) {
        sent.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    }

    void accepted(String refundId, String path, Scenario scenario, String customerId) {
        accepted.put(refundId, new Accepted(refundId, path, scenario, customerId));
    }

    void notAccepted(String path, String why) {
        notAccepted.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        if (streamProblems.size() < 50) {
            streamProblems.add(path + ": " + why);
        }
    }

    void streamAnswer(Http.Response response) {
        streamStatuses.computeIfAbsent(response.status(), k -> new AtomicInteger()).incrementAndGet();
        if (response.overloaded()) {
            streamOverloaded.incrementAndGet();
        }
    }

    /** The stream's 503s that were not an overload: a dependency (PostgreSQL, Kafka) out. */
    int streamOutages() {
        AtomicInteger all = streamStatuses.get(503);
        return (all == null ? 0 : all.get()) - streamOverloaded.get();
    }

    void streamTarget(String instance) {
        streamTargets.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The stream's answers that were a server error other than 503: a 503 is a dependency outage the client
     * retries with the same key, any other 5xx is a failure the services must not give (issue 19).
     */
    Map<Integer, Integer> streamServerErrorsOtherThan503() {
        Map<Integer, Integer> errors = new TreeMap<>();
        streamStatuses.forEach((status, count) -> {
            if (status >= 500 && status != 503) {
                errors.put(status, count.get());
            }
        });
        return errors;
    }

    void fault(String what, long started, String note) {
        faults.add(new Fault(what, started, System.currentTimeMillis() - started, note));
    }

    List<Accepted> acceptedList() {
        return new ArrayList<>(accepted.values());
    }

    int acceptedBy(String path) {
        return (int) accepted.values().stream().filter(a -> a.path().equals(path)).count();
    }
}
