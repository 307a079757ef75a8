package io.refundflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A service refuses to start with a key everyone knows (none configured, or the published development
 * secret) unless the development switch is on, and says which property to set.
 */
class SigningKeyAtStartupTest {

    private final WebApplicationContextRunner service = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RefundSecurityAutoConfiguration.class));

    @Test
    void withoutTheDevelopmentSwitchAndWithoutAKeyTheServiceRefusesToStartNamingTheProperty() {
        service.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("refund.security.jwt.secret")
                    .hasMessageContaining("refund.security.development-mode=true");
        });
    }

    @Test
    void withoutTheDevelopmentSwitchThePublishedSecretIsRefused() {
        service.withPropertyValues("refund.security.jwt.secret=" + JwtProperties.DEV_SECRET).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("refund.security.jwt.secret");
        });
    }

    @Test
    void inDevelopmentModeThePublishedSecretIsAccepted() {
        service.withPropertyValues("refund.security.development-mode=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void withAKeyOfItsOwnTheServiceStartsWithoutTheSwitch() {
        service.withPropertyValues("refund.security.jwt.secret=a-deployment-secret-of-at-least-32-bytes")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class));
    }

    @Test
    void aJwksUriWithoutAnIssuerIsRefused() {
        service.withPropertyValues("refund.security.jwt.jwk-set-uri=https://idp.example/jwks").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("refund.security.jwt.issuer");
        });
    }
}
