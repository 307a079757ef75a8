package io.refundflow.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person signing in through the dashboard's public client as a browser does: authorization code with PKCE, the
 * provider's login form (with its CSRF token), then the code exchanged for tokens. Redirects to the provider are
 * followed; the one back to the dashboard is where the code is read.
 */
final class SignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Base64.Encoder URL_BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String redirectUri;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SignIn(String issuer, String redirectUri) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
    }

    String accessToken(String username, String password) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String verifier = URL_BASE64.encodeToString(secret);
        String challenge = URL_BASE64.encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = issuer + "/oauth2/authorize?response_type=code&client_id=" + IdentityProperties.DASHBOARD_CLIENT
                + "&scope=openid&state=s&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + encode(redirectUri);
        String loginPage = get(location(get(authorize))).body();
        Matcher csrf = CSRF.matcher(loginPage);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page:\n" + loginPage);
        }
        HttpResponse<String> signedIn = post(issuer + "/login", "username=" + encode(username) + "&password="
                + encode(password) + "&_csrf=" + encode(csrf.group(1)), null);
        String backToTheDashboard = location(get(location(signedIn)));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(backToTheDashboard);
        if (!backToTheDashboard.startsWith(redirectUri) || !code.find()) {
            throw new AssertionError("not sent back with a code: " + backToTheDashboard);
        }
        HttpResponse<String> tokens = post(issuer + "/oauth2/token", "grant_type=authorization_code&code="
                + code.group(1) + "&redirect_uri=" + encode(redirectUri) + "&client_id="
                + IdentityProperties.DASHBOARD_CLIENT + "&code_verifier=" + verifier, "application/json");
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token request answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return JsonMapper.builder().build().readTree(tokens.body()).get("access_token").asString();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.request().uri() + " answered " + response.statusCode() + " without a redirect"));
        return location.startsWith("/") ? issuer + location : location;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
