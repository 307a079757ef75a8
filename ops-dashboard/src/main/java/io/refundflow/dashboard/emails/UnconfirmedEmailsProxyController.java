package io.refundflow.dashboard.emails;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.web.Upstream;
import io.refundflow.platform.web.problems.ProblemException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Emails page: emails the mail server may or may not have delivered (UNCONFIRMED), which the notifier
 * never resends by itself, and the explicit resend of one, through the notifier's ops API
 * ({@code refund.dashboard.notifier-url}) with the ops member's own token. The notifier answers a resend
 * with the warning that the customer may receive the email twice; the page shows it before and after.
 */
@RestController
@RequestMapping("/api/unconfirmed-emails")
class UnconfirmedEmailsProxyController {

    private static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    private final Upstream notifier;

    UnconfirmedEmailsProxyController(DashboardProperties properties) {
        this.notifier = new Upstream("notifier", properties.notifierUrl());
    }

    @GetMapping
    ResponseEntity<byte[]> list(JwtAuthenticationToken ops) {
        return notifier.forward(HttpMethod.GET, notifier.uri().path("/api/unconfirmed-emails").build().toUri(),
                null, ops);
    }

    @PostMapping("/{decisionEventId}/resend")
    ResponseEntity<byte[]> resend(@PathVariable String decisionEventId, JwtAuthenticationToken ops) {
        if (!EVENT_ID.matcher(decisionEventId).matches()) {
            throw ProblemException.invalid("decisionEventId", "must match " + EVENT_ID.pattern());
        }
        URI uri = notifier.uri().path("/api/unconfirmed-emails/{decisionEventId}/resend")
                .buildAndExpand(decisionEventId).encode().toUri();
        return notifier.forward(HttpMethod.POST, uri, null, ops);
    }
}
