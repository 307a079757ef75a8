package io.refundflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary tells an overload (intake's admission gate) from a dependency outage, though both are 503. */
class LedgerTest {

    private static final String OVERLOADED = """
            {"type":"https://refundflow.io/problems/overloaded","title":"Service overloaded","status":503}""";
    private static final String OUTAGE = """
            {"type":"https://refundflow.io/problems/service-unavailable","title":"Service unavailable",\
            "status":503,"detail":"the database is unavailable (the service is not overloaded)"}""";

    @Test
    void overloaded503sAreCountedApartFromOutage503s() {
        Ledger ledger = new Ledger();

        ledger.streamAnswer(new Http.Response(503, OVERLOADED, Map.of()));
        ledger.streamAnswer(new Http.Response(503, OVERLOADED, Map.of()));
        ledger.streamAnswer(new Http.Response(503, OUTAGE, Map.of()));
        ledger.streamAnswer(new Http.Response(201, "{}", Map.of()));

        assertThat(ledger.streamOverloaded).hasValue(2);
        assertThat(ledger.streamOutages()).isEqualTo(1);
        assertThat(ledger.streamStatuses.get(503)).hasValue(3);
    }
}
