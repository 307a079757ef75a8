package io.refundflow.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void childIsToldOnceItsParentIsKilled() throws Exception {
        // given a running parent process
        Process parent = new ProcessBuilder("sleep", "60").start();
        CountDownLatch gone = new CountDownLatch(1);
        ParentWatch.onParentExit(parent.pid(), gone::countDown);
        assertThat(gone.await(500, TimeUnit.MILLISECONDS)).as("told while the parent lives").isFalse();

        // when it is killed with SIGKILL
        parent.destroyForcibly();

        // then
        assertThat(gone.await(10, TimeUnit.SECONDS)).as("told after the parent was killed").isTrue();
    }

    @Test
    void childStartedByAParentAlreadyGoneIsToldAtOnce() throws Exception {
        // given a parent that has ended
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        CountDownLatch gone = new CountDownLatch(1);

        // when
        ParentWatch.onParentExit(parent.pid(), gone::countDown);

        // then
        assertThat(gone.await(1, TimeUnit.SECONDS)).isTrue();
    }
}
