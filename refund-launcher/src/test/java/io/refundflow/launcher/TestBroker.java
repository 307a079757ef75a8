package io.refundflow.launcher;

import io.refundflow.testsupport.FreshPorts;
import java.nio.file.Path;
import java.time.Duration;

/** The launcher's secured broker, started for a test on ports of its own ({@link FreshPorts}). */
final class TestBroker {

    /** Formatting the data directory and starting the broker take a JVM each: on a loaded CI machine, a while. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private TestBroker() {
    }

    static LocalKafka start(Path home) {
        return FreshPorts.start(2, ports -> {
            LocalKafka kafka = new LocalKafka(home, ports[0], ports[1], LocalKafka.QUICK_START_JVM_OPTIONS);
            kafka.start(START_TIMEOUT);
            return kafka;
        });
    }
}
