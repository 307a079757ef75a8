package io.refundflow.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine; {@code REFUND_TEST_DOCKER=false} opts out. */
final class Docker {

    static final String OPT_OUT_ENV = "REFUND_TEST_DOCKER";

    private Docker() {
    }

    static boolean isAvailable() {
        if ("false".equalsIgnoreCase(System.getenv(OPT_OUT_ENV))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
