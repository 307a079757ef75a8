package io.refundflow.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class Ports {

    private Ports() {
    }

    /** Fails with a message naming the port and its user, instead of a bind stack trace later. */
    static void requireFree(int port, String forWhat) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new LaunchException("port " + port + " (for " + forWhat + ") is in use: stop whatever listens"
                    + " there (e.g. an earlier run: `ss -ltnp | grep " + port + "`), then start again");
        }
    }
}
