package io.refundflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where a connection is refused, for as long as this is open: the port is bound here but never
 * listened on. Holding it, rather than picking a port nobody listens on right now and letting go of it, keeps
 * another test or process from starting to listen there meanwhile.
 */
public final class RefusedPort implements AutoCloseable {

    private final Socket socket;

    private RefusedPort(Socket socket) {
        this.socket = socket;
    }

    public static RefusedPort open() {
        Socket socket = new Socket();
        try {
            // without SO_REUSEADDR nobody else may bind the port, and a socket that does not listen refuses connections
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new RefusedPort(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
