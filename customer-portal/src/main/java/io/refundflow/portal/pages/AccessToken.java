package io.refundflow.portal.pages;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/** The signed-in customer's access token, as the session keeps it: sent to the API, never to the browser. */
final class AccessToken {

    /** The OAuth2 client registration customers sign in with (see PortalSecurity). */
    static final String REGISTRATION = "refundflow";

    private AccessToken() {
    }

    static String of(OAuth2AuthorizedClient client) {
        return client.getAccessToken().getTokenValue();
    }
}
