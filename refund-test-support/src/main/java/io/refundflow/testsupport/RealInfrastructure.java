package io.refundflow.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka broker, PostgreSQL database and SMTP server of one test JVM, started once on first use
 * and shared by every test of the module. Each part is chosen in this order:
 * <ol>
 *   <li>explicit settings from the environment ({@link KafkaBroker#BOOTSTRAP_ENV},
 *       {@link PostgresDatabase#URL_ENV} and its user/password variables);</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>an in-process Kafka KRaft broker and the PostgreSQL server on 127.0.0.1:5432.</li>
 * </ol>
 * The database is always a fresh one made for this run, so runs never see each other's data. SMTP is an
 * in-process GreenMail server. If no Kafka or PostgreSQL can be had, start-up fails at once saying what is
 * missing and how to provide it.
 */
public record RealInfrastructure(KafkaBroker kafka, PostgresDatabase postgres, SmtpServer smtp) {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static volatile RealInfrastructure instance;

    public static RealInfrastructure get() {
        if (instance == null) {
            synchronized (RealInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static RealInfrastructure start() {
        boolean docker = Docker.isAvailable();
        RealInfrastructure started = new RealInfrastructure(KafkaBroker.start(docker), PostgresDatabase.create(docker),
                SmtpServer.start());
        log.info("test infrastructure: kafka {} ({}), postgres {} ({}), smtp 127.0.0.1:{}",
                started.kafka.bootstrapServers(), started.kafka.origin(), started.postgres.jdbcUrl(),
                started.postgres.origin(), started.smtp.port());
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-stop"));
        return started;
    }

    private void stop() {
        smtp.stop();
        postgres.drop();
        kafka.stop();
    }
}
