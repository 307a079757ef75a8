package io.refundflow.notifier.sending;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between the notifier and a real SMTP server, as a TCP relay on loopback that watches what the
 * client says: how many connections it opens and which commands it sends (so a test sees every {@code NOOP}),
 * and that can do to the link what a network does: cut the connection when a given {@code MAIL FROM} arrives
 * (before the server sees it), or hold the end of a message's data (a slow server) until released.
 */
final class WatchedSmtpLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private final AtomicInteger mails = new AtomicInteger();
    private volatile int cutAtMail = -1;
    private volatile CountDownLatch endOfDataHeld;
    private volatile CountDownLatch holdingNow = new CountDownLatch(1);

    WatchedSmtpLink(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections the client opened since the last {@link #reset()}. */
    int connections() {
        return connections.get();
    }

    /** How often the client sent this command (e.g. {@code NOOP}, {@code MAIL}) since the last {@link #reset()}. */
    int commands(String verb) {
        AtomicInteger count = commands.get(verb);
        return count == null ? 0 : count.get();
    }

    /** Cuts every open connection and forgets what was counted: the client's next command finds its link dead. */
    void reset() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        connections.set(0);
        commands.clear();
        mails.set(0);
        cutAtMail = -1;
        endOfDataHeld = null;
    }

    /** The {@code n}-th {@code MAIL FROM} from now on cuts its connection instead of reaching the server. */
    void cutAtMail(int n) {
        cutAtMail = n;
    }

    /** The end of the next message's data waits until {@link #release()}: the server seems slow to answer. */
    void holdEndOfData() {
        holdingNow = new CountDownLatch(1);
        endOfDataHeld = new CountDownLatch(1);
    }

    /** Waits until a message's end of data is being held. */
    boolean awaitHolding(long seconds) throws InterruptedException {
        return holdingNow.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        CountDownLatch held = endOfDataHeld;
        endOfDataHeld = null;
        if (held != null) {
            held.countDown();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                connections.incrementAndGet();
                daemon(() -> copy(server, client), "smtp-link-down");
                daemon(() -> watch(client, server), "smtp-link-up");
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Relays the client's lines to the server, counting commands (not message data) and applying the faults. */
    private void watch(Socket client, Socket server) {
        try (client; server) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = server.getOutputStream();
            boolean inData = false;
            for (byte[] line = readLine(in); line != null; line = readLine(in)) {
                String text = new String(line, StandardCharsets.US_ASCII).strip();
                if (inData) {
                    if (text.equals(".")) {
                        inData = false;
                        CountDownLatch held = endOfDataHeld;
                        if (held != null) {
                            holdingNow.countDown();
                            held.await();
                        }
                    }
                } else {
                    String verb = (text.length() >= 4 ? text.substring(0, 4) : text).toUpperCase(Locale.ROOT);
                    commands.computeIfAbsent(verb, v -> new AtomicInteger()).incrementAndGet();
                    if (verb.equals("MAIL") && mails.incrementAndGet() == cutAtMail) {
                        return; // the connection dies before the server hears of this message
                    }
                    inData = verb.equals("DATA");
                }
                out.write(line);
                out.flush();
            }
        } catch (IOException gone) {
            // either side closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException gone) {
            // either side closed the connection
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        reset();
    }
}
