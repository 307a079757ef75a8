package io.refundflow.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that takes a whole message after DATA and then never answers, as one that accepted it and
 * died, or whose answer was lost on the way: the sender cannot know whether the email was delivered.
 * {@link #always()} is silent after every message; {@link #silentOnceFor()} only after the first message to
 * each recipient named with {@link #silenceFirstMessageTo}, and answers every other message as delivered,
 * so that a test can watch an email become unconfirmed and then be resent.
 */
public final class SilentAfterDataSmtp implements AutoCloseable {

    /** A message the server answered as delivered. */
    public record Delivered(List<String> recipients, String messageId) {
    }

    private final boolean silentForEveryMessage;
    private final Set<String> silenceOnce = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private final AtomicInteger messages = new AtomicInteger();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private SilentAfterDataSmtp(boolean silentForEveryMessage) throws IOException {
        this.silentForEveryMessage = silentForEveryMessage;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilentAfterDataSmtp always() throws IOException {
        return new SilentAfterDataSmtp(true);
    }

    public static SilentAfterDataSmtp silentOnceFor() throws IOException {
        return new SilentAfterDataSmtp(false);
    }

    /** The next message to this address gets silence after its data; later ones are answered. */
    public void silenceFirstMessageTo(String recipient) {
        silenceOnce.add(recipient.toLowerCase(Locale.ROOT));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many whole messages (DATA up to the closing dot) the server received, answered or not. */
    public int messagesReceived() {
        return messages.get();
    }

    /** The messages the server answered as delivered, in order. */
    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread session = new Thread(() -> converse(connection), "silent-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 silent.test ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT)
                        : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 silent.test");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 ok");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 end data with <CR><LF>.<CR><LF>");
                        String messageId = null;
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = data.substring(11).trim();
                            }
                        }
                        messages.incrementAndGet();
                        if (silentForEveryMessage || recipients.stream().anyMatch(silenceOnce::remove)) {
                            continue; // and now: silence
                        }
                        delivered.add(new Delivered(List.copyOf(recipients), messageId));
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the client gave up waiting and closed the connection
        }
    }

    /** The address of {@code RCPT TO:<someone@example>}, in lower case. */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1);
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
