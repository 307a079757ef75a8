package io.refundflow.evaluator.tryout;

import static io.refundflow.evaluator.PolicyTexts.dryRunBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar's {@code --dry-run} mode, called in-process through the entry main() uses: no web server, Kafka or
 * database exists in this test, so it also shows that none is needed.
 */
class DryRunCliTest {

    @TempDir
    Path dir;

    final JsonMapper json = JsonMapper.builder().build();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theDryRunFlagIsRecognisedBeforeTheApplicationStarts() {
        assertThat(DryRunCli.isDryRun(new String[] {"--dry-run", "bodies.json"})).isTrue();
        assertThat(DryRunCli.isDryRun(new String[] {"--server.port=8082"})).isFalse();
    }

    @Test
    void answersAnArrayOfBodiesFromAFileInOrder() throws IOException {
        // given
        Path input = write("bodies.json", "[" + dryRunBody("o-1", "SAAS", 2) + ","
                + dryRunBody("o-2", "API_OR_DOWNLOAD", 2) + "]");

        // when
        int exit = run(new String[] {"--dry-run", input.toString()}, InputStream.nullInputStream());

        // then
        assertThat(exit).as(err()).isZero();
        JsonNode answers = json.readTree(out());
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(0).get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(answers.get(0).get("ruleId").asString()).isEqualTo("saas.guarantee.inside");
        assertThat(answers.get(1).get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(answers.get(1).get("policyVersion").asString()).isEqualTo(PolicyTexts.bundledVersion());
    }

    @Test
    void readsStandardInputWhenNoFileIsGiven() {
        // when
        int exit = run(new String[] {"--dry-run"}, stdin("[" + dryRunBody("o-1", "SAAS", 6) + "]"));

        // then
        assertThat(exit).as(err()).isZero();
        assertThat(json.readTree(out()).get(0).get("ruleId").asString()).isEqualTo("saas.guarantee.over");
    }

    @Test
    void usesThePolicyFileGivenAsOption() throws IOException {
        // given a policy with a 7-day guarantee
        Path policy = write("policy.yaml", PolicyTexts.sevenDayGuarantee());

        // when a request 6 days after payment is dry-run against it
        int exit = run(new String[] {"--dry-run", "--policy-file=" + policy},
                stdin("[" + dryRunBody("o-1", "SAAS", 6) + "]"));

        // then
        assertThat(exit).as(err()).isZero();
        JsonNode answer = json.readTree(out()).get(0);
        assertThat(answer.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(answer.get("policyVersion").asString()).isEqualTo("2026.12-candidate");
    }

    @Test
    void badInputExitsNonZeroNamingTheElementAndFieldAndWritesNoAnswers() {
        // when the second body has an unknown product kind
        int exit = run(new String[] {"--dry-run", "-"}, stdin("[" + dryRunBody("o-1", "SAAS", 2) + ","
                + dryRunBody("o-2", "SPACESHIP", 2) + "]"));

        // then
        assertThat(exit).isEqualTo(DryRunCli.BAD_INPUT);
        assertThat(err()).contains("element [1], field order.productKind");
        assertThat(out()).isEmpty();
    }

    @Test
    void anInvalidPolicyFileExitsNonZeroNamingTheRule() throws IOException {
        // given
        Path policy = write("broken.yaml", PolicyTexts.unknownWindow());

        // when
        int exit = run(new String[] {"--dry-run", "--policy-file=" + policy}, stdin("[]"));

        // then
        assertThat(exit).isEqualTo(DryRunCli.BAD_USAGE);
        assertThat(err()).contains("invalid policy").contains("rule 'saas.guarantee.inside'");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingInputFileExitsNonZeroNamingIt() {
        // when
        int exit = run(new String[] {"--dry-run", dir.resolve("nowhere.json").toString()},
                InputStream.nullInputStream());

        // then
        assertThat(exit).isEqualTo(DryRunCli.BAD_USAGE);
        assertThat(err()).contains("input file not found").contains("nowhere.json");
    }

    private int run(String[] args, InputStream stdin) {
        return DryRunCli.run(args, Map.of(), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
