package io.refundflow.benchmark;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceilings of the parts, measured in the same run against the same broker, database and SMTP server the
 * system uses: what each part can do on this machine when nothing else asks anything of it.
 */
final class Ceilings {

    /** One measured figure. */
    record Figure(String part, String what, double perSecond, long count, double seconds) {
    }

    private final Duration time;
    private final List<Figure> figures = new ArrayList<>();

    Ceilings(Duration time) {
        this.time = time;
    }

    List<Figure> figures() {
        return figures;
    }

    private void add(Figure f) {
        figures.add(f);
        System.out.printf("  %-10s %-62s %,10.0f /s  (%,d in %.1f s)%n", f.part(), f.what(), f.perSecond(), f.count(),
                f.seconds());
    }

    /**
     * Produces records of the given value size and headers to a scratch topic with the services' producer
     * settings while a consumer reads them back (produce+consume), then reads them all again (consume only).
     */
    void kafka(Map<String, String> connection, int partitions, byte[] value, Map<String, byte[]> headers) throws Exception {
        String topic = "bench.ceiling";
        Properties adminProps = new Properties();
        adminProps.putAll(connection);
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        AtomicLong consumed = new AtomicLong();
        AtomicLong lastConsumedNanos = new AtomicLong();
        AtomicReference<Boolean> stop = new AtomicReference<>(false);
        Properties consumerProps = consumerProps(connection);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty()) {
                        consumed.addAndGet(records.count());
                        lastConsumedNanos.set(System.nanoTime());
                    }
                }
            }
        }, "ceiling-consumer");
        reader.start();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long count;
        long start;
        long produceEnd;
        long acked;
        long warmCount;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaDriver.producerSettings(connection), new StringSerializer(), new ByteArraySerializer())) {
            // warm-up (metadata, connections, JIT), read back before the measured run starts
            warmCount = produceFor(producer, topic, value, headers, Duration.ofMillis(Math.min(1000, time.toMillis())),
                    0, new AtomicLong(), failure);
            long warmDeadline = System.nanoTime() + 30_000_000_000L;
            while (consumed.get() < warmCount && System.nanoTime() < warmDeadline) {
                Thread.sleep(10);
            }
            consumed.set(0);
            AtomicLong ackCount = new AtomicLong();
            start = System.nanoTime();
            count = produceFor(producer, topic, value, headers, time, warmCount, ackCount, failure);
            produceEnd = System.nanoTime();
            acked = ackCount.get();
        }
        if (failure.get() != null) {
            stop.set(true);
            throw new IllegalStateException("ceiling producer failed: " + failure.get(), failure.get());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stop.set(true);
        reader.join();
        double produceSeconds = (produceEnd - start) / 1e9;
        double pipeSeconds = (lastConsumedNanos.get() - start) / 1e9;
        add(new Figure("kafka", "produce, " + value.length + " B + CloudEvents headers, acks=all, idempotent, linger 2 ms",
                acked / produceSeconds, acked, produceSeconds));
        add(new Figure("kafka", "produce+consume concurrently (until the last record is read)",
                consumed.get() / pipeSeconds, consumed.get(), pipeSeconds));
        count += warmCount;

        long readStart = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (read < count && System.nanoTime() - readStart < 60_000_000_000L) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
        }
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        add(new Figure("kafka", "consume only (one consumer, all partitions)", read / readSeconds, read, readSeconds));
        try (Admin admin = Admin.create(adminProps)) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    /** Sends as fast as the producer takes records for {@code duration}, then flushes; returns how many. */
    private static long produceFor(KafkaProducer<String, byte[]> producer, String topic, byte[] value,
            Map<String, byte[]> headers, Duration duration, long firstKey, AtomicLong acked,
            AtomicReference<Exception> failure) {
        long n = 0;
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            for (int i = 0; i < 200; i++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "ceiling-" + (firstKey + n), value);
                headers.forEach((k, v) -> record.headers().add(k, v));
                producer.send(record, (md, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
                n++;
            }
        }
        producer.flush();
        return n;
    }

    private static Properties consumerProps(Map<String, String> connection) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return props;
    }

    /** One single-row INSERT per commit into a scratch table, with 1 and with 4 clients. */
    void postgres(String jdbcUrl, String user, int payloadBytes) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("create schema if not exists bench");
            s.execute("drop table if exists bench.ceiling");
            s.execute("create table bench.ceiling (id bigserial primary key, refund_id text not null,"
                    + " payload text not null, created_at timestamptz not null default now())");
        }
        String payload = "x".repeat(Math.max(1, payloadBytes));
        for (int run : new int[] {0, 1, 4}) {
            int clients = Math.max(1, run); // run 0: a warm-up with one client, not reported
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            long until = start + (run == 0 ? Duration.ofMillis(Math.min(1000, time.toMillis())) : time).toNanos();
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> {
                    long n = 0;
                    try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
                            PreparedStatement insert = c.prepareStatement(
                                    "insert into bench.ceiling (refund_id, payload) values (?, ?)")) {
                        c.setAutoCommit(true);
                        while (System.nanoTime() < until) {
                            insert.setString(1, "ceiling-" + client + "-" + n);
                            insert.setString(2, payload);
                            insert.executeUpdate();
                            n++;
                        }
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> f : done) {
                try {
                    total += f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw new IllegalStateException("PostgreSQL ceiling failed: " + e.getCause(), e.getCause());
                }
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (run == 0) {
                continue;
            }
            add(new Figure("postgres", "INSERT one row + COMMIT, " + clients + (clients == 1 ? " client" : " clients"),
                    total / seconds, total, seconds));
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
            s.execute("drop schema bench cascade");
        }
    }

    /** How many SMTP connections a ceiling sends over at once: the notifier's one, and a small pool. */
    private static final int[] SMTP_CONNECTIONS = {1, 4};

    /**
     * SMTP accept rate of the same server: many messages over one connection, over several in parallel, and a
     * new connection per message.
     */
    void smtp(int port, String textBody, String htmlBody) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.auth", "false");
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) { // warm-up (JIT of client and server), not reported
            transport.connect();
            for (int i = 0; i < 500; i++) {
                MimeMessage m = message(session, i, textBody, htmlBody);
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        for (int connections : SMTP_CONNECTIONS) {
            long start = System.nanoTime();
            long sent = overConnections(session, connections, start + time.toNanos(), textBody, htmlBody);
            double seconds = (System.nanoTime() - start) / 1e9;
            add(new Figure("smtp", "accepted over " + (connections == 1 ? "one connection" : connections
                    + " connections in parallel") + " (text+html, " + (textBody.length() + htmlBody.length())
                    + " chars)", sent / seconds, sent, seconds));
        }
        long n = 0;
        long start = System.nanoTime();
        long until = start + time.toNanos();
        while (System.nanoTime() < until) {
            MimeMessage m = message(session, n, textBody, htmlBody);
            Transport.send(m);
            n++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        add(new Figure("smtp", "accepted with a new connection per message", n / seconds, n, seconds));
    }

    /** Messages accepted until {@code until}, each connection sending on a thread of its own. */
    private static long overConnections(Session session, int connections, long until, String text, String html)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                counts.add(senders.submit(() -> {
                    long sent = 0;
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        while (System.nanoTime() < until) {
                            MimeMessage m = message(session, sent, text, html);
                            transport.sendMessage(m, m.getAllRecipients());
                            sent++;
                        }
                    }
                    return sent;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total;
        } finally {
            senders.shutdownNow();
        }
    }

    private static MimeMessage message(Session session, long n, String text, String html) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@refundflow.io"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ceiling@example.com"));
        message.setSubject("Ceiling message " + n, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart);
        alternative.addBodyPart(htmlPart);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** The figures as a map for the JSON file. */
    List<Map<String, Object>> asJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("part", f.part());
            m.put("what", f.what());
            m.put("perSecond", Math.round(f.perSecond()));
            m.put("count", f.count());
            m.put("seconds", Math.round(f.seconds() * 100) / 100.0);
            out.add(m);
        }
        return out;
    }

    /** The figure of a part whose description starts with {@code prefix}, or NaN. */
    double get(String part, String prefix) {
        Map<String, Double> found = new HashMap<>();
        for (Figure f : figures) {
            if (f.part().equals(part) && f.what().startsWith(prefix)) {
                found.put(f.what(), f.perSecond());
            }
        }
        return found.values().stream().findFirst().orElse(Double.NaN);
    }
}
