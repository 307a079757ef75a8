package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flight recording read back: who spent the CPU and who allocated, by thread, frame and class. */
class ProfileSummaryTest {

    private static final long BUSY_NANOS = Duration.ofMillis(800).toNanos();

    /** Where the busy thread puts what it allocates, so that the allocation cannot be optimised away. */
    private static volatile Object kept;

    @Test
    void aBusyThreadShowsWithItsMethodAndWhatItAllocated(@TempDir Path dir) throws Exception {
        // given a recording of a thread that only spins and allocates
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s");
            recording.start();
            Thread busy = new Thread(ProfileSummaryTest::spinAndAllocate, "busy-worker-7");
            busy.start();
            busy.join();
            recording.stop();
            recording.dump(file);
        }

        // when the whole recording is summarised
        ProfileSummary summary = ProfileSummary.of(file, 0, 1);

        // then the thread (its number folded) leads, and its code is where the CPU and the allocation went
        assertThat(summary.cpuThreads.top(1)).first().satisfies(row -> assertThat(row.getKey()).isEqualTo(
                "busy-worker-#"));
        assertThat(summary.cpuLibraries.share("io.refundflow.benchmark")).isGreaterThan(0.5);
        assertThat(summary.allocationThreads.byKey).containsKey("busy-worker-#");
        assertThat(summary.allocationOwnFrames.byKey).containsKey(ProfileSummaryTest.class.getName()
                + ".spinAndAllocate");
        assertThat(summary.text()).contains("== CPU by thread", "busy-worker-#");
    }

    @Test
    void aWindowOfTheRecordingCountsOnlyItsOwnSamples(@TempDir Path dir) throws Exception {
        // given a recording with samples all through
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            spinAndAllocate();
            recording.stop();
            recording.dump(file);
        }

        // when its second half is read, and the whole
        long half = ProfileSummary.of(file, 0.5, 1).cpuThreads.total;
        long whole = ProfileSummary.of(file, 0, 1).cpuThreads.total;

        // then the half holds some of the samples, not all
        assertThat(half).isPositive().isLessThan(whole);
    }

    private static void spinAndAllocate() {
        long end = System.nanoTime() + BUSY_NANOS;
        while (System.nanoTime() < end) {
            kept = new byte[1024];
        }
    }
}
