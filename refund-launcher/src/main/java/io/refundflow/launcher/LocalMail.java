package io.refundflow.launcher;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.util.MailStreamProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMTP server that accepts every message, and an inbox page that shows what was sent: newest first,
 * as HTML at {@code /} and as JSON at {@code /messages}.
 */
public final class LocalMail implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final int smtpPort;
    private final int inboxPort;
    private GreenMail greenMail;
    private HttpServer inbox;

    public LocalMail(int smtpPort, int inboxPort) {
        this.smtpPort = smtpPort;
        this.inboxPort = inboxPort;
    }

    public void start() throws IOException {
        namePreferredStreamProvider();
        Ports.requireFree(smtpPort, "SMTP");
        Ports.requireFree(inboxPort, "the inbox page");
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        inbox = HttpServer.create(new InetSocketAddress("127.0.0.1", inboxPort), 0);
        inbox.createContext("/messages", exchange -> respond(exchange, "application/json", json()));
        inbox.createContext("/", exchange -> respond(exchange, "text/html", html()));
        inbox.start();
    }

    /**
     * GreenMail parses every message it receives into MIME parts, and Jakarta Mail 2.1 looks its
     * {@link StreamProvider} up in every part with a {@code ServiceLoader} scan of the class path unless this
     * system property names it (jakartaee/mail-api issues 699 and 861; the notifier names it for the same reason):
     * in a profile of the benchmark's JVM that scan was a fifth of all its CPU samples, counted against the system.
     * A value set from outside is kept.
     */
    private static void namePreferredStreamProvider() {
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
    }

    public int smtpPort() {
        return smtpPort;
    }

    public String inboxUrl() {
        return "http://127.0.0.1:" + inboxPort + "/";
    }

    /** Every message received so far, oldest first. */
    public MimeMessage[] messages() {
        return greenMail.getReceivedMessages();
    }

    /**
     * Hands every message received so far to {@code reader}, oldest first in each mailbox, and removes it from
     * the server, so that a long run keeps no email in memory. A message that arrives meanwhile is not flagged
     * and stays for the next drain. Answers how many were handed over.
     */
    public int drain(Consumer<MimeMessage> reader) {
        int drained = 0;
        try {
            for (MailFolder mailbox : greenMail.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                // a copy taken under the mailbox's lock: the SMTP server appends to it meanwhile
                List<StoredMessage> received = new ArrayList<>(mailbox.getMessages());
                for (StoredMessage message : received) {
                    if (!message.isSet(Flags.Flag.DELETED)) {
                        reader.accept(message.getMimeMessage());
                        message.setFlag(Flags.Flag.DELETED, true);
                        drained++;
                    }
                }
                mailbox.expunge();
            }
        } catch (FolderException e) {
            throw new IllegalStateException("the mail store could not be listed", e);
        }
        return drained;
    }

    private MimeMessage[] newestFirst() {
        MimeMessage[] messages = messages();
        MimeMessage[] reversed = new MimeMessage[messages.length];
        for (int i = 0; i < messages.length; i++) {
            reversed[i] = messages[messages.length - 1 - i];
        }
        return reversed;
    }

    private String html() {
        MimeMessage[] newestFirst = newestFirst();
        String rows = Arrays.stream(newestFirst).map(m -> "<article><h3>" + escape(subject(m)) + "</h3><p>to "
                + escape(recipients(m)) + "</p><pre>" + escape(GreenMailUtil.getWholeMessage(m)) + "</pre></article>")
                .collect(Collectors.joining("\n"));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>refundflow inbox</title>"
                + "<meta http-equiv=\"refresh\" content=\"5\"><style>body{font-family:sans-serif;margin:2em}"
                + "pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}</style></head><body><h1>Inbox ("
                + newestFirst.length + ")</h1>" + rows + "</body></html>";
    }

    private String json() {
        return json.writeValueAsString(Arrays.stream(newestFirst())
                .map(m -> Map.of("to", recipients(m), "subject", subject(m), "body", GreenMailUtil.getBody(m)))
                .toList());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable subject)";
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (inbox != null) {
            inbox.stop(0);
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
