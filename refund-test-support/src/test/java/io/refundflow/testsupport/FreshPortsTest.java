package io.refundflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshPortsTest {

    /** Another test or process, listening on a port it took. */
    private final List<ServerSocket> others = new ArrayList<>();

    @AfterEach
    void othersStop() throws IOException {
        for (ServerSocket other : others) {
            other.close();
        }
    }

    @Test
    void aStartWhosePortSomeoneElseTookMeanwhileIsStartedAgainOnOtherPorts() {
        // given a start that finds its second port taken the first time
        List<int[]> tried = new ArrayList<>();

        // when
        int[] startedOn = FreshPorts.start(2, ports -> {
            tried.add(ports);
            if (tried.size() == 1) {
                others.add(listeningOn(ports[1]));
                throw new IllegalStateException("port " + ports[1] + " is in use");
            }
            return ports;
        });

        // then it was started a second time, on ports nobody took
        assertThat(tried).hasSize(2);
        assertThat(startedOn).isSameAs(tried.get(1)).doesNotContain(tried.get(0)[1]);
    }

    @Test
    void aStartThatFailsWithItsPortsFreeIsReportedAsItFailed() {
        // given a start that fails for a reason of its own
        List<int[]> tried = new ArrayList<>();
        IllegalStateException broken = new IllegalStateException("no such configuration");

        // when / then
        assertThatThrownBy(() -> FreshPorts.start(2, ports -> {
            tried.add(ports);
            throw broken;
        })).isSameAs(broken);
        assertThat(tried).hasSize(1);
    }

    @Test
    void aStartThatLosesItsPortsEveryTimeIsReportedAfterTheLastAttempt() {
        // given a start whose port is always taken first
        List<int[]> tried = new ArrayList<>();

        // when / then
        assertThatThrownBy(() -> FreshPorts.start(1, ports -> {
            tried.add(ports);
            others.add(listeningOn(ports[0]));
            throw new IOException("bind failed: address already in use");
        })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
        assertThat(tried).hasSize(FreshPorts.ATTEMPTS);
    }

    @Test
    void thePortsOfOneStartAreDistinct() {
        int[] ports = FreshPorts.start(10, fresh -> fresh);

        assertThat(ports).doesNotHaveDuplicates();
    }

    private static ServerSocket listeningOn(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }
}
