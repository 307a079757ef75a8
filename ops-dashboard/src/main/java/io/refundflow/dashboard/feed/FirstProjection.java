package io.refundflow.dashboard.feed;

import java.util.Optional;

/**
 * The read model the feed applies every record to first. It remembers how far each partition was applied, so it
 * decides whether a record is new (only then do the {@link RecordListener}s get it) and where a partition given
 * back by a rebalance continues. Owned here and implemented by the flow projection, so the flow depends on the
 * feed and never the other way round.
 */
public interface FirstProjection {

    /** Applies one record; returns false when it was applied before (same partition and offset). */
    boolean apply(RawRecord record);

    /** The last offset applied from a partition; empty if none yet (then the feed reads it from the start). */
    Optional<Long> lastApplied(String topic, int partition);
}
