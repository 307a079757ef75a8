package io.refundflow.evaluator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every decision names the policy version that made it, and the what-if and the audit trail read decisions by that
 * name. A file whose rules changed under the old version would make the name lie, so each version is recorded here
 * with the digest of its rules ({@code policy/versions.properties}): change the rules, raise {@code version}, and
 * record the new version's digest.
 */
class PolicyVersionTest {

    @Test
    void theShippedRulesAreTheOnesTheirVersionWasRecordedWith() {
        // given
        String shipped = PolicyTexts.bundled();
        String version = PolicyEngine.bundled().version();

        // when
        String recorded = recordedVersions().getProperty(version);

        // then
        assertThat(recorded)
                .as("no digest recorded for policy version %s in policy/versions.properties", version)
                .isNotNull();
        assertThat(digestOfRules(shipped))
                .as("refund-policy.yaml changed but still says version %s: raise its version and record the new"
                        + " version's digest in policy/versions.properties", version)
                .isEqualTo(recorded);
    }

    @Test
    void aCommentOrABlankLineIsNotANewPolicy() {
        // given
        String shipped = PolicyTexts.bundled();

        // when
        String annotated = "# a note for readers\n\n" + shipped.replace("\nwindows:", "\n  # why\nwindows:");

        // then
        assertThat(digestOfRules(annotated)).isEqualTo(digestOfRules(shipped));
        assertThat(digestOfRules(shipped.replace("guarantee: PT120H", "guarantee: PT168H")))
                .isNotEqualTo(digestOfRules(shipped));
    }

    /** The file's lines without full-line comments, blank lines and trailing blanks: what the loader reads. */
    private static String digestOfRules(String policyFile) {
        String rules = policyFile.lines().map(String::stripTrailing)
                .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
                .collect(Collectors.joining("\n"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(rules.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Properties recordedVersions() {
        try (InputStream in = PolicyVersionTest.class.getResourceAsStream("/policy/versions.properties")) {
            Properties versions = new Properties();
            versions.load(in);
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
