package io.refundflow.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The development provider signs in published demo users with published passwords and hands out tokens for a
 * published client secret: it runs in development mode only, and then on this machine only.
 */
class DevelopmentModeOnlyTest {

    @Test
    void outsideDevelopmentModeTheProviderRefusesToStartNamingTheSwitch() throws Exception {
        int port = IdentityProviderTest.freePort();

        assertThatThrownBy(() -> IdentityApplication.application().run("--server.port=" + port,
                "--refund.security.development-mode=false").close())
                .rootCause().hasMessageContaining("refund.security.development-mode=true");
    }

    @Test
    void withoutTheDevelopmentSwitchTheProviderRefusesToStart() throws Exception {
        int port = IdentityProviderTest.freePort();

        assertThatThrownBy(() -> IdentityApplication.application().run("--server.port=" + port).close())
                .rootCause().hasMessageContaining("refund.security.development-mode=true");
    }

    @Test
    void inDevelopmentModeOnEveryInterfaceTheProviderRefusesToStartNamingTheAddressToSet() throws Exception {
        int port = IdentityProviderTest.freePort();

        assertThatThrownBy(() -> IdentityApplication.application().run("--server.port=" + port,
                "--refund.security.development-mode=true", "--server.address=0.0.0.0").close())
                .rootCause().hasMessageContaining("server.address=127.0.0.1");
    }
}
