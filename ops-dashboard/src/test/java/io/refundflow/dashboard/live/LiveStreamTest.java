package io.refundflow.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.refundflow.dashboard.DashboardTest;
import io.refundflow.dashboard.Http;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live stream: the snapshot at once, and its end by the scheduled push once the session's token expired. */
@DashboardTest
class LiveStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @Test
    void aStreamEndsSoonAfterTheTokenItWasOpenedWithExpires() {
        // given a session whose token expires in a few seconds
        String token = tokens.mint("ops-9", List.of(Roles.OPS), Duration.ofSeconds(5));

        // when the stream is opened with it and read to its end
        Http.Response stream = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new Http(port)
                .get("/api/stream", Map.of("Cookie", "refund_ops_session=" + token, "Accept", "text/event-stream")));

        // then it carried a snapshot, and the push ended it long before the stream's own 30-minute timeout
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body()).contains("event:snapshot");
    }
}
