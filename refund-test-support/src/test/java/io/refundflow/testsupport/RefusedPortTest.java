package io.refundflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class RefusedPortTest {

    @Test
    void aConnectionToItIsRefused() {
        try (RefusedPort refused = RefusedPort.open(); Socket client = new Socket()) {
            assertThatThrownBy(() -> client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    refused.port()), 2_000)).isInstanceOf(ConnectException.class).hasMessageContaining("refused");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nobodyElseCanListenOnItWhileItIsOpen() {
        try (RefusedPort refused = RefusedPort.open()) {
            assertThatThrownBy(() -> {
                try (ServerSocket other = new ServerSocket()) {
                    other.setReuseAddress(true);
                    other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), refused.port()));
                }
            }).isInstanceOf(BindException.class);
        }
    }

    @Test
    void onceClosedItsPortIsFreeAgain() throws IOException {
        RefusedPort refused = RefusedPort.open();
        int port = refused.port();

        refused.close();

        try (ServerSocket other = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(other.getLocalPort()).isEqualTo(port);
        }
    }
}
