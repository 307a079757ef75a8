package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy changes are edits of the file: a modified copy changes decisions without any code change. */
class PolicyFileChangeTest {

    @TempDir
    Path dir;

    @Test
    void aSevenDayGuaranteeInTheFileApprovesWhatFiveDaysRejected() throws IOException {
        // given
        PolicyEngine shipped = PolicyEngine.bundled();
        PolicyEngine edited = engineFrom(PolicyTexts.withVersion(
                shippedText().replace("guarantee: PT120H", "guarantee: PT168H"), "2099.01-1"));
        OrderFacts saas = order(ProductKind.SAAS).facts();
        RequestFacts onDaySix = refund(Ground.UNSATISFIED, Duration.ofDays(6), 0);

        // when
        Verdict before = shipped.evaluate(saas, onDaySix);
        Verdict after = edited.evaluate(saas, onDaySix);

        // then
        assertThat(before).isInstanceOf(Reject.class);
        assertThat(after).isInstanceOf(Approve.class);
        assertThat(after.policyVersion()).isEqualTo("2099.01-1");
    }

    @Test
    void aSevenDayGuaranteeStillEndsOneSecondAfterSevenDays() throws IOException {
        // given
        PolicyEngine edited = engineFrom(shippedText().replace("guarantee: PT120H", "guarantee: PT168H"));
        OrderFacts saas = order(ProductKind.SAAS).facts();

        // when
        Verdict atSevenDays = edited.evaluate(saas, refund(Ground.UNSATISFIED, Duration.ofDays(7), 0));
        Verdict justAfter = edited.evaluate(saas, refund(Ground.UNSATISFIED, Duration.ofDays(7).plusSeconds(1), 0));

        // then
        assertThat(atSevenDays).isInstanceOf(Approve.class);
        assertThat(justAfter).isInstanceOf(Reject.class);
    }

    @Test
    void aHigherAutoApproveThresholdInTheFileApprovesALargerClaim() throws IOException {
        // given
        PolicyEngine edited = engineFrom(shippedText().replace("CNY: \"200.00\"", "CNY: \"1000.00\""));
        OrderFacts server = order(ProductKind.SERVER).paid("1000.00").facts();

        // when
        Verdict decided = edited.evaluate(server, refund(Ground.QUALITY_ISSUE, Duration.ofDays(100), 1));

        // then
        assertThat(decided).isInstanceOf(Approve.class);
        assertThat(decided.ruleId()).isEqualTo("server.claim.small-auto-approve");
    }

    private String shippedText() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.BUNDLED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private PolicyEngine engineFrom(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("refund-policy.yaml"), yaml);
        return new PolicyEngine(PolicyLoader.load(file));
    }
}
