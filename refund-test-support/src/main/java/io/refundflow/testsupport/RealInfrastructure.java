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
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static volatile RealInfrastructure instance;

    private final KafkaBroker kafka;
    private final PostgresDatabase postgres;
    private final SmtpServer smtp;

    private RealInfrastructure() {
        boolean docker = Docker.isAvailable();
        this.kafka = KafkaBroker.start(docker);
        this.postgres = PostgresDatabase.create(docker);
        this.smtp = SmtpServer.start();
        log.info("test infrastructure: kafka {} ({}), postgres {} ({}), smtp 127.0.0.1:{}",
                kafka.bootstrapServers(), kafka.origin(), postgres.jdbcUrl(), postgres.origin(), smtp.port());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-infrastructure-stop"));
    }

    public static RealInfrastructure get() {
        if (instance == null) {
            synchronized (RealInfrastructure.class) {
                if (instance == null) {
                    instance = new RealInfrastructure();
                }
            }
        }
        return instance;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresDatabase postgres() {
        return postgres;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    private void stop() {
        smtp.stop();
        postgres.drop();
        kafka.stop();
    }
}
