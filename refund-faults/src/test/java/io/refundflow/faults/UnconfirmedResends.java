package io.refundflow.faults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ops do about emails left UNCONFIRMED (docs/operations.md): the notifier never resends an email the mail
 * server took whole without answering, since it may have arrived; ops resend it through the notifier's API. The
 * suite's SMTP outage can cut the server off at exactly that moment, more often with two notifiers sending, so the
 * drain resends such emails as ops would. A resent email that had in fact arrived shows as a duplicate.
 */
final class UnconfirmedResends {

    private final SystemUnderTest system;
    private final String opsToken;
    private final Http http = new Http();
    private final JsonMapper json = JsonMapper.builder().build();
    /** Decision event ids resent, each once; and every refusal, for the summary. */
    final Set<String> resent = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();

    UnconfirmedResends(SystemUnderTest system, String opsToken) {
        this.system = system;
        this.opsToken = opsToken;
    }

    /** Lists the UNCONFIRMED emails and resends those not resent before. */
    void resendAll() {
        String notifier = system.baseUrl("notifier");
        Http.Response listed = http.get(notifier + "/api/unconfirmed-emails", opsToken);
        if (!listed.is2xx()) {
            problems.add("list -> " + listed.status());
            return;
        }
        for (JsonNode email : json.readTree(listed.body())) {
            String decision = email.path("decisionEventId").asString();
            if (resent.add(decision)) {
                Http.Response answer = http.send("POST", notifier + "/api/unconfirmed-emails/" + decision + "/resend",
                        opsToken, Map.of(), null, null);
                if (answer.status() != 202) {
                    problems.add(decision + " (" + email.path("refundId").asString() + ") -> " + answer.status());
                }
            }
        }
    }
}
