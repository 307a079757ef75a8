package io.refundflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.refundflow.evaluator.policy.InvalidPolicyException;
import io.refundflow.testsupport.RealInfrastructureInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A policy file that cannot be trusted stops the service at start-up, saying where it is wrong. */
class PolicyFileStartupTest {

    @TempDir
    Path dir;

    @Test
    void aContradictoryPolicyFileStopsTheStartUpNamingTheRule() throws IOException {
        // given a policy file whose rule names an undeclared window
        Path file = Files.writeString(dir.resolve("policy.yaml"), PolicyTexts.unknownWindow(), StandardCharsets.UTF_8);

        // when / then
        assertThat(invalidPolicy(() -> start(file)))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("rule 'saas.guarantee.inside': withinWindow names unknown window 'warranty'");
    }

    @Test
    void aMalformedPolicyFileStopsTheStartUpNamingTheLine() throws IOException {
        // given a policy file that is not valid YAML on line 3
        Path file = Files.writeString(dir.resolve("policy.yaml"),
                "version: \"x\"\nwindows:\n  guarantee: [PT120H\nrules: []\n", StandardCharsets.UTF_8);

        // when / then
        assertThat(invalidPolicy(() -> start(file)))
                .hasMessageContaining(file.toString() + ", line 3");
    }

    /** The loader's refusal among the causes of the failed start-up. */
    private static InvalidPolicyException invalidPolicy(ThrowingCallable startUp) {
        Throwable failure = catchThrowable(startUp);
        assertThat(failure).as("the start-up must fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidPolicyException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("the start-up failed, but not because of the policy file", failure);
    }

    private static void start(Path policyFile) {
        new SpringApplicationBuilder(EvaluatorApplication.class)
                .initializers(new RealInfrastructureInitializer())
                .profiles("test")
                .run("--server.port=0", "--refund.evaluator.policy-file=" + policyFile)
                .close();
    }
}
