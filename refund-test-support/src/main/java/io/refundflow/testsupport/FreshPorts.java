package io.refundflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts something that must be told its loopback ports before it binds them (a Kafka broker and its controller,
 * a PostgreSQL server, a service the launcher starts), and starts it again on other ports when another test or
 * process took one of them between the choice and the bind. A port chosen free cannot be kept free until a child
 * process binds it; a start that fails while one of its ports is now taken by someone else is that race, and is
 * tried again, while a start that fails with its ports free failed for a reason of its own and is reported.
 */
public final class FreshPorts {

    /** Starts enough for the race to be lost a few times in a row, and a real failure to be reported soon. */
    static final int ATTEMPTS = 3;

    private FreshPorts() {
    }

    /** Something started on the given ports, which cleans up after itself when it fails to start. */
    @FunctionalInterface
    public interface Start<T> {
        T on(int[] ports) throws Exception;
    }

    /** Starts on {@code count} distinct ports the system says are free, again on others if one was taken meanwhile. */
    public static <T> T start(int count, Start<T> start) {
        return start(count, ATTEMPTS, start);
    }

    static <T> T start(int count, int attempts, Start<T> start) {
        for (int attempt = 1; ; attempt++) {
            int[] ports = distinctFreePorts(count);
            try {
                return start.on(ports);
            } catch (Exception e) {
                if (attempt >= attempts || !anyTaken(ports)) {
                    throw e instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("could not start on ports " + describe(ports), e);
                }
            }
        }
    }

    /** Ports free right now, all different: each is held until every one is chosen. */
    private static int[] distinctFreePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // a port that stays bound here only makes the start fail and be tried again
                }
            }
        }
    }

    private static boolean anyTaken(int[] ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private static String describe(int[] ports) {
        return Arrays.toString(ports);
    }
}
