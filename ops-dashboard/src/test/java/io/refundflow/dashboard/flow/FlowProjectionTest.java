package io.refundflow.dashboard.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.flow.Views.AgeBucket;
import io.refundflow.dashboard.flow.Views.DeadLetter;
import io.refundflow.dashboard.flow.Views.Minute;
import io.refundflow.dashboard.flow.Views.MixRow;
import io.refundflow.dashboard.flow.Views.Replay;
import io.refundflow.dashboard.flow.Views.ReviewAge;
import io.refundflow.dashboard.flow.Views.Snapshot;
import io.refundflow.dashboard.flow.Views.Step;
import io.refundflow.dashboard.flow.Views.Trail;
import io.refundflow.dashboard.flow.Views.TrailEntry;
import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dashboard shows, computed from records as they are on the topics. */
class FlowProjectionTest {

    final Records records = new Records();
    final FlowProjection projection = new FlowProjection(settings(null, null, null), Records.CLOCK);

    @Test
    void aRequestWithACaseNumberCountsForTheContactAndSubmitSteps() {
        // given a request that came through intake (with a case) and a foreign one (without)
        projection.apply(records.request("r-1", "CASE-1", "o-1", Ground.UNSATISFIED));
        projection.apply(records.request("r-2", null, "o-2", Ground.UNSATISFIED));

        // when
        Snapshot snapshot = projection.snapshot(List.of());

        // then
        assertThat(step(snapshot, "contact").count()).isEqualTo(1);
        assertThat(step(snapshot, "submit").count()).isEqualTo(2);
        assertThat(step(snapshot, "submit").perMinute()).isEqualTo(2 / 5.0);
    }

    @Test
    void decisionsAreCountedByTheOrdersProductKindAndTheRequestsGround() {
        // given a server order and a SaaS order, each with a request
        projection.apply(records.order("o-1", ProductKind.SERVER));
        projection.apply(records.order("o-2", ProductKind.SAAS));
        projection.apply(records.request("r-1", "CASE-1", "o-1", Ground.QUALITY_ISSUE));
        projection.apply(records.request("r-2", "CASE-2", "o-2", Ground.UNSATISFIED));
        projection.apply(records.request("r-3", "CASE-3", "o-2", Ground.UNSATISFIED));

        // when the server claim goes to manual review and is approved, one SaaS refund is approved, one rejected
        projection.apply(records.manualReview("r-1", "o-1"));
        projection.apply(records.reviewed("r-1", "o-1", true, "3550.00", "CNY"));
        projection.apply(records.approved("r-2", "o-2", "100.00", "CNY"));
        projection.apply(records.rejected("r-3", "o-2"));

        // then
        Snapshot snapshot = projection.snapshot(List.of());
        assertThat(snapshot.decisionMix()).containsExactly(
                new MixRow("SAAS", "UNSATISFIED", 1, 1, 0, 0, 0),
                new MixRow("SERVER", "QUALITY_ISSUE", 0, 0, 1, 1, 0));
        assertThat(snapshot.awaitingManualReview()).isZero();
        assertThat(step(snapshot, "review").count()).isEqualTo(3);
    }

    @Test
    void approvedAmountsAreSummedExactlyPerCurrency() {
        // given
        projection.apply(records.approved("r-1", "o-1", "0.10", "USD"));
        projection.apply(records.approved("r-2", "o-2", "0.20", "USD"));
        projection.apply(records.reviewed("r-3", "o-3", true, "10.05", "CNY"));
        projection.apply(records.reviewed("r-4", "o-4", false, null, null));

        // when
        Snapshot snapshot = projection.snapshot(List.of());

        // then
        assertThat(snapshot.approvedAmounts()).containsExactly(
                new Views.Amount("CNY", "10.05", 1), new Views.Amount("USD", "0.30", 2));
    }

    @Test
    void anApprovedExchangeShowsAsSuchAndAddsNoApprovedMoney() {
        // given a refund approved, and an exchange approved by a reviewer (its decision carrying an amount)
        projection.apply(records.approved("r-1", "o-1", "0.10", "USD"));
        projection.apply(records.exchangeApproved("r-2", "o-2", "49.00", "CNY"));

        // when
        Snapshot snapshot = projection.snapshot(List.of());

        // then only the refund's money is approved money; the exchange shows as an exchange, without an amount
        assertThat(snapshot.approvedAmounts()).containsExactly(new Views.Amount("USD", "0.10", 1));
        assertThat(snapshot.refunds()).filteredOn(r -> r.refundId().equals("r-2")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo("exchange approved");
                    assertThat(r.amount()).isNull();
                });
    }

    @Test
    void aRecordDeliveredTwiceAtTheSameOffsetChangesNothing() {
        // given
        RawRecord request = records.request("r-1", "CASE-1", "o-1", Ground.UNSATISFIED);
        projection.apply(request);

        // when a rebalance delivers it again
        boolean applied = projection.apply(request);

        // then
        assertThat(applied).isFalse();
        assertThat(step(projection.snapshot(List.of()), "submit").count()).isEqualTo(1);
    }

    @Test
    void anEventRepublishedWithTheSameIdCountsOnceButShowsOnItsTopic() {
        // given an approval the outbox relay published twice (crash between publish and delete)
        RawRecord approval = records.approved("r-1", "o-1", "5.00", "USD");
        projection.apply(approval);

        // when
        projection.apply(records.again(approval));

        // then
        Snapshot snapshot = projection.snapshot(List.of());
        assertThat(snapshot.approvedAmounts()).containsExactly(new Views.Amount("USD", "5.00", 1));
        assertThat(snapshot.topics()).filteredOn(t -> t.topic().equals("refund.decisions"))
                .singleElement().satisfies(t -> assertThat(t.total()).isEqualTo(2));
    }

    @Test
    void aDeadLetterShowsItsPayloadCauseAndSourceTopic() {
        // given a malformed request
        RawRecord junk = records.junk("refund.requests", "r-9", "{not json");

        // when it is dead-lettered
        projection.apply(junk);
        projection.apply(records.deadLetter(junk, "io.refundflow.events.InvalidEventException",
                "payload: malformed JSON"));

        // then
        Snapshot snapshot = projection.snapshot(List.of());
        DeadLetter letter = snapshot.deadLetters().stream().filter(t -> t.topic().equals("refund.requests.DLT"))
                .findFirst().orElseThrow().items().get(0);
        assertThat(letter.id()).isEqualTo("refund.requests.DLT@0:0");
        assertThat(letter.originalTopic()).isEqualTo("refund.requests");
        assertThat(letter.originalPosition()).isEqualTo("refund.requests@0:0");
        assertThat(letter.exceptionClass()).isEqualTo("io.refundflow.events.InvalidEventException");
        assertThat(letter.exceptionMessage()).isEqualTo("payload: malformed JSON");
        assertThat(letter.payload()).isEqualTo("{not json");
        assertThat(letter.replay()).isNull();
        assertThat(step(snapshot, "submit").count()).isZero();
        assertThat(snapshot.refunds()).singleElement().satisfies(r -> assertThat(r.deadLettered()).isTrue());
    }

    @Test
    void aReplayedRecordArrivingOnItsSourceTopicMarksItsDeadLetterReplayed() {
        // given a dead letter
        RawRecord junk = records.junk("refund.requests", "r-9", "{not json");
        RawRecord deadLetter = records.deadLetter(junk, "X", "bad");
        projection.apply(deadLetter);

        // when its replay shows up on refund.requests (as after a restart of the dashboard)
        projection.apply(records.withHeader(records.again(junk), FlowProjection.REPLAYED_FROM, deadLetter.position()));

        // then
        DeadLetter letter = projection.deadLetter(deadLetter.position()).orElseThrow();
        assertThat(letter.replay()).isNotNull();
        assertThat(letter.replay().target()).isEqualTo("refund.requests@0:1");
        assertThat(projection.unreplayed("refund.requests.DLT")).isEmpty();
    }

    @Test
    void aReplayKnownBeforeItsDeadLetterArrivesStillMarksIt() {
        // given the replay is recorded first (topics are read in no particular order across each other)
        projection.markReplayed("refund.requests.DLT@0:0", new Replay(Records.NOW, "refund.requests@0:7", "ops-1"));

        // when the dead letter arrives
        projection.apply(records.deadLetter(records.junk("refund.requests", "r-9", "x"), "X", "bad"));

        // then
        assertThat(projection.deadLetter("refund.requests.DLT@0:0").orElseThrow().replay().by()).isEqualTo("ops-1");
    }

    @Test
    void theTrailListsEveryEventOfARefundAcrossTopicsInOrderAndIsFoundByCaseNumber() {
        // given a refund's events, the notification read before the decision
        projection.apply(records.at(records.request("r-1", "CASE-77", "o-1", Ground.UNSATISFIED),
                Records.NOW.minusSeconds(30)));
        projection.apply(records.at(records.notified("r-1"), Records.NOW.minusSeconds(10)));
        projection.apply(records.at(records.approved("r-1", "o-1", "1.00", "CNY"), Records.NOW.minusSeconds(20)));
        projection.apply(records.request("r-2", "CASE-78", "o-2", Ground.UNSATISFIED));

        // when
        Trail trail = projection.trail("case-77").orElseThrow();

        // then
        assertThat(trail.refundId()).isEqualTo("r-1");
        assertThat(trail.events()).extracting(TrailEntry::type).containsExactly(
                "io.refundflow.refund.requested.v1", "io.refundflow.refund.approved.v1",
                "io.refundflow.refund.notified.v1");
        assertThat(trail.events().get(0).headers()).containsEntry("ce_subject", "r-1");
        assertThat(projection.trail("r-404")).isEmpty();
    }

    @Test
    void aReviewWaitingForTheCustomersEvidenceShowsItAndCountsNoDecision() {
        // given a refund in manual review whose reviewer asked the customer for more evidence
        projection.apply(records.order("o-1", ProductKind.SERVER));
        projection.apply(records.request("r-1", "CASE-1", "o-1", Ground.QUALITY_ISSUE));
        projection.apply(records.manualReview("r-1", "o-1"));

        // when
        projection.apply(records.evidenceRequested("r-1", "o-1"));
        Snapshot waiting = projection.snapshot(List.of());
        projection.apply(records.evidenceAdded("r-1", "o-1"));
        Snapshot resumed = projection.snapshot(List.of());

        // then
        assertThat(waiting.refunds()).singleElement().extracting(Views.Refund::stage).isEqualTo("awaiting evidence");
        assertThat(resumed.refunds()).singleElement().extracting(Views.Refund::stage).isEqualTo("awaiting review");
        assertThat(resumed.decisionMix()).singleElement().satisfies(row -> {
            assertThat(row.manualReview()).isEqualTo(1);
            assertThat(row.reviewApproved() + row.reviewRejected()).isZero();
        });
        assertThat(projection.trail("r-1").orElseThrow().events()).extracting(TrailEntry::summary).contains(
                "evidence requested by ops-1, answer by 2026-11-30T08:00:00Z", "customer added 1 file(s)");
    }

    @Test
    void anOverdueReviewsEmailToOpsIsAnEmailButNotTheCustomersNotifyStep() {
        // given a refund in manual review
        projection.apply(records.order("o-1", ProductKind.SERVER));
        projection.apply(records.request("r-1", "CASE-1", "o-1", Ground.QUALITY_ISSUE));
        projection.apply(records.manualReview("r-1", "o-1"));

        // when it is escalated as overdue and the ops mailbox is emailed
        projection.apply(records.reviewOverdue("r-1", "o-1"));
        projection.apply(records.opsNotifiedOfOverdue("r-1"));
        Snapshot snapshot = projection.snapshot(List.of());

        // then
        assertThat(step(snapshot, "notify").count()).isZero();
        assertThat(snapshot.refunds()).singleElement().extracting(Views.Refund::stage).isEqualTo("awaiting review");
        assertThat(snapshot.decisionMix()).singleElement().extracting(MixRow::manualReview).isEqualTo(1L);
        assertThat(projection.trail("r-1").orElseThrow().events()).extracting(TrailEntry::summary)
                .anySatisfy(summary -> assertThat(summary).startsWith("review overdue since"));
    }

    @Test
    void memoryIsBoundedByTheConfiguredLimits() {
        // given room for two refunds and three events per topic
        FlowProjection small = new FlowProjection(settings(2, 3, 2), Records.CLOCK);

        // when five refunds arrive
        for (int i = 1; i <= 5; i++) {
            small.apply(records.request("r-" + i, "CASE-" + i, "o-" + i, Ground.UNSATISFIED));
        }

        // then the oldest are forgotten, the counts are not
        Snapshot snapshot = small.snapshot(List.of());
        assertThat(snapshot.refunds()).extracting(Views.Refund::refundId).containsExactly("r-5", "r-4");
        assertThat(snapshot.topics()).filteredOn(t -> t.topic().equals("refund.requests")).singleElement()
                .satisfies(t -> {
                    assertThat(t.total()).isEqualTo(5);
                    assertThat(t.latest()).hasSize(3);
                });
        assertThat(small.trail("r-1")).isEmpty();
        assertThat(small.trail("CASE-1")).isEmpty();
        assertThat(step(snapshot, "submit").count()).isEqualTo(5);
    }

    @Test
    void eventsOlderThanTheRateWindowDoNotCountTowardsTheRate() {
        // given one request inside the five-minute window and one before it
        projection.apply(records.at(records.request("r-1", null, "o-1", Ground.UNSATISFIED),
                Records.NOW.minus(Duration.ofMinutes(1))));
        projection.apply(records.at(records.request("r-2", null, "o-2", Ground.UNSATISFIED),
                Records.NOW.minus(Duration.ofMinutes(10))));

        // when
        Step submit = step(projection.snapshot(List.of()), "submit");

        // then
        assertThat(submit.count()).isEqualTo(2);
        assertThat(submit.perMinute()).isEqualTo(0.2);
    }

    @Test
    void theLastHourCountsRequestsDecisionsByOutcomeAndEmailsInTheirMinute() {
        // given a request, its approval and its email in the current minute, and a rejection ten minutes earlier
        projection.apply(records.request("r-1", "CASE-1", "o-1", Ground.UNSATISFIED));
        projection.apply(records.approved("r-1", "o-1", "100.00", "CNY"));
        projection.apply(records.notified("r-1"));
        projection.apply(records.at(records.rejected("r-2", "o-2"), Records.NOW.minus(Duration.ofMinutes(10))));

        // when
        List<Minute> lastHour = projection.snapshot(List.of()).lastHour();

        // then sixty minutes, oldest first, ending with the current one
        assertThat(lastHour).hasSize(60);
        assertThat(lastHour.get(59)).isEqualTo(new Minute(Records.NOW, 1, 1, 0, 0, 0, 0, 1));
        assertThat(lastHour.get(49)).isEqualTo(new Minute(Records.NOW.minus(Duration.ofMinutes(10)), 0, 0, 1, 0, 0, 0,
                0));
        assertThat(lastHour.stream().mapToLong(Minute::requests).sum()).isEqualTo(1);
    }

    @Test
    void eventsOlderThanAnHourAreNotInTheLastHour() {
        // given
        projection.apply(records.at(records.request("r-1", null, "o-1", Ground.UNSATISFIED),
                Records.NOW.minus(Duration.ofMinutes(61))));

        // when
        List<Minute> lastHour = projection.snapshot(List.of()).lastHour();

        // then
        assertThat(lastHour.stream().mapToLong(Minute::requests).sum()).isZero();
    }

    @Test
    void theReviewQueueAgeGroupsWaitingReviewsAndForgetsDecidedOnes() {
        // given reviews opened 30 minutes, 5 hours and 3 days ago, and one opened and already decided
        projection.apply(records.at(records.manualReview("r-1", "o-1"), Records.NOW.minus(Duration.ofMinutes(30))));
        projection.apply(records.at(records.manualReview("r-2", "o-2"), Records.NOW.minus(Duration.ofHours(5))));
        projection.apply(records.at(records.manualReview("r-3", "o-3"), Records.NOW.minus(Duration.ofDays(3))));
        projection.apply(records.manualReview("r-4", "o-4"));
        projection.apply(records.reviewed("r-4", "o-4", false, null, null));

        // when
        ReviewAge age = projection.snapshot(List.of()).reviewAge();

        // then
        assertThat(age.waiting()).isEqualTo(3);
        assertThat(age.oldestSeconds()).isEqualTo(Duration.ofDays(3).toSeconds());
        assertThat(age.buckets()).extracting(AgeBucket::count).containsExactly(1L, 0L, 1L, 0L, 1L);
    }

    private static Step step(Snapshot snapshot, String name) {
        return snapshot.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static DashboardProperties settings(Integer maxRefunds, Integer eventsPerTopic, Integer deadLetters) {
        return new DashboardProperties(null, null, null, null, null, maxRefunds, null, eventsPerTopic, null, deadLetters, null,
                null, null, null, null);
    }
}
