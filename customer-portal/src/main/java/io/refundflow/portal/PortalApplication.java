package io.refundflow.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The customer's own page: a backend-for-frontend over refund-intake's API. Customers sign in at the identity
 * provider; the page keeps their session (and their access token) on the server and calls the API with that token,
 * so every rule stays in the API and nothing of the token reaches the browser.
 */
@SpringBootApplication
@EnableConfigurationProperties(PortalProperties.class)
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
