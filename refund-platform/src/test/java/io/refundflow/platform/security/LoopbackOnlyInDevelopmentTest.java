package io.refundflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * A service in development mode accepts the published development credentials, so it refuses to start unless it
 * listens on this machine only, and says which property to set.
 */
class LoopbackOnlyInDevelopmentTest {

    private final WebApplicationContextRunner service = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LoopbackOnlyInDevelopmentAutoConfiguration.class));

    @Test
    void inDevelopmentModeWithNoAddressTheServiceRefusesToStartNamingTheProperty() {
        service.withPropertyValues("refund.security.development-mode=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("server.address=127.0.0.1")
                    .hasMessageContaining("every interface");
        });
    }

    @Test
    void inDevelopmentModeBoundToEveryInterfaceTheServiceRefusesToStart() {
        service.withPropertyValues("refund.security.development-mode=true", "server.address=0.0.0.0")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("server.address=127.0.0.1"));
    }

    @Test
    void inDevelopmentModeManagementOnAPortOfItsOwnMustListenOnLoopbackToo() {
        service.withPropertyValues("refund.security.development-mode=true", "server.address=127.0.0.1",
                "management.server.port=9999").run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("management.server.address=127.0.0.1"));
    }

    @Test
    void inDevelopmentModeOnTheLoopbackAddressTheServiceStarts() {
        service.withPropertyValues("refund.security.development-mode=true", "server.address=127.0.0.1")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void outsideDevelopmentModeAnyAddressWillDo() {
        service.withPropertyValues("refund.security.development-mode=false", "server.address=0.0.0.0")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
