package io.refundflow.dashboard.feed;

/**
 * A read model beside the flow projection that wants every record the feed reads. It gets each record once per
 * partition offset (a re-delivered offset is not passed on); it must tolerate any bytes, and a republished event
 * (same event id at a new offset) must change nothing it shows.
 */
public interface RecordListener {

    void accept(RawRecord record);
}
