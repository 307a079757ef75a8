package io.refundflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A loopback port nobody listens on right now, and nothing more: it is let go before anyone binds it, so another
 * test or process may take it first. Prefer a server that binds port 0 and says which port it got
 * ({@link SmtpServer}, {@link ServiceProcess}), {@link FreshPorts} for something that must be told its ports before
 * it binds them, and {@link RefusedPort} for a port where connections are refused. Left for a port that two
 * servers must each know before either starts (the customer page and its identity provider, each in the other's
 * configuration).
 */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
