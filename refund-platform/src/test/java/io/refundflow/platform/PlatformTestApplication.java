package io.refundflow.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application that gets the platform's auto-configuration, for its own tests. */
@SpringBootApplication
class PlatformTestApplication {
}
