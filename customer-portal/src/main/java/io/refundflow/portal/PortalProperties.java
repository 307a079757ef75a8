package io.refundflow.portal;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer page ({@code refund.portal.*}; defaults and comments in application.yml).
 *
 * @param intakeUrl       refund-intake's base URL: every call goes there with the customer's own token
 * @param publicBaseUrl   the page's address as customers reach it (the emails link to it)
 * @param customerRole    the role a signed-in user must have (in the ID token's roles claim)
 * @param rolesClaim      the claim of the ID token that lists the user's roles
 * @param refreshInterval how often an open case page asks for news
 * @param apiTimeout      how long one call to the API may take before the page says it is unavailable
 */
@ConfigurationProperties("refund.portal")
public record PortalProperties(URI intakeUrl, URI publicBaseUrl, String customerRole, String rolesClaim,
        Duration refreshInterval, Duration apiTimeout) {

    public PortalProperties {
        intakeUrl = intakeUrl == null ? URI.create("http://127.0.0.1:8081") : intakeUrl;
        publicBaseUrl = publicBaseUrl == null ? URI.create("http://127.0.0.1:8086") : publicBaseUrl;
        customerRole = customerRole == null || customerRole.isBlank() ? "customer" : customerRole;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(3) : refreshInterval;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(30) : apiTimeout;
    }
}
