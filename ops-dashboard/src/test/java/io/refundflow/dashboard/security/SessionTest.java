package io.refundflow.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import io.refundflow.dashboard.DashboardTest;
import io.refundflow.dashboard.Http;
import io.refundflow.platform.security.DemoTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Nothing of the dashboard without role ops: no page, no data, no stream, no action. */
@DashboardTest
class SessionTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void withoutASessionTheDataAndTheStreamAnswer401() {
        // when
        Http.Response snapshot = http.get("/api/snapshot", Map.of());
        Http.Response stream = http.get("/api/stream", Map.of("Accept", "text/event-stream"));

        // then
        assertThat(snapshot.status()).isEqualTo(401);
        assertThat(snapshot.header("content-type")).startsWith("application/problem+json");
        assertThat(snapshot.body()).doesNotContain("refund.requests");
        assertThat(stream.status()).isEqualTo(401);
    }

    @Test
    void withoutASessionThePageSendsTheBrowserToTheLoginPage() {
        // when
        Http.Response page = http.get("/", Map.of("Accept", "text/html"));
        Http.Response script = http.get("/dashboard.js", Map.of());

        // then
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("location")).endsWith("/login.html");
        assertThat(script.status()).isEqualTo(302);
        assertThat(http.get("/login.html", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anOpsTokenOpensASessionHeldInAnHttpOnlyStrictCookie() {
        // given
        String token = tokens.ops("ops-7");

        // when
        Http.Response login = http.post("/api/session", Map.of("X-Requested-With", "ops-dashboard"),
                "{\"token\":\"" + token + "\"}");

        // then
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("subject").asString()).isEqualTo("ops-7");
        assertThat(login.header("set-cookie")).contains("refund_ops_session=" + token).contains("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(http.get("/api/snapshot", Http.session(token)).status()).isEqualTo(200);
    }

    @Test
    void aCustomerOrAgentTokenOpensNoSessionAndSeesNoData() {
        for (String token : List.of(tokens.customer("c-1"), tokens.agent("agent-1"))) {
            // when
            Http.Response login = http.post("/api/session", Map.of("X-Requested-With", "ops-dashboard"),
                    "{\"token\":\"" + token + "\"}");

            // then
            assertThat(login.status()).isEqualTo(403);
            assertThat(login.json().get("detail").asString()).contains("role ops");
            assertThat(login.header("set-cookie")).isNull();
            assertThat(http.get("/api/snapshot", Http.session(token)).status()).isEqualTo(403);
        }
    }

    @Test
    void anExpiredOrForgedTokenOpensNoSession() throws Exception {
        // given
        String expired = tokens.mint("ops-1", List.of("ops"), Duration.ofSeconds(-120));
        String forged = signedWithAnotherKey(tokens.ops("ops-1"));

        // then
        for (String token : List.of(expired, forged)) {
            Http.Response login = http.post("/api/session", Map.of("X-Requested-With", "ops-dashboard"),
                    "{\"token\":\"" + token + "\"}");
            assertThat(login.status()).as(token).isEqualTo(401);
            assertThat(http.get("/api/snapshot", Http.session(token)).status()).isEqualTo(401);
        }
    }

    @Test
    void aChangeWithTheSessionCookieButWithoutTheDashboardsHeaderIsRefused() {
        // given a cross-site form posting with the reviewer's cookie
        String token = tokens.ops("ops-1");

        // when
        Http.Response replay = http.post("/api/dead-letters/replay-all?topic=refund.requests.DLT",
                Http.session(token), null);

        // then
        assertThat(replay.status()).isEqualTo(403);
        assertThat(replay.json().get("detail").asString()).contains("X-Requested-With");
    }

    /** The same header and claims as a genuine token, signed with a key the dashboard does not hold. */
    private static String signedWithAnotherKey(String genuine) throws Exception {
        SignedJWT original = SignedJWT.parse(genuine);
        SignedJWT forged = new SignedJWT(original.getHeader(), original.getJWTClaimsSet());
        forged.sign(new MACSigner("a-forger's-own-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8)));
        return forged.serialize();
    }
}
