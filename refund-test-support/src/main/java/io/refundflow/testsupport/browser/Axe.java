package io.refundflow.testsupport.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * axe-core, the accessibility engine, run in the page the browser shows: its {@code axe.min.js} comes from a Maven
 * artifact on the test classpath (Deque's axe-core packaging), is injected into the page and asked for the
 * violations of the WCAG 2 A and AA rules and best practices.
 */
public final class Axe {

    private static final String SCRIPT = "/axe.min.js";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              done(JSON.stringify({url: r.url, violations: r.violations.map(function (v) {
                return {id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
              })}));
            }).catch(function (e) { done(JSON.stringify({error: String(e)})); });
            """;

    private Axe() {
    }

    /** One violation: the rule, how bad (minor, moderate, serious, critical), what it asks and where. */
    public record Violation(String id, String impact, String help, List<String> nodes) {

        public boolean isSeriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }
    }

    /** The page's violations, as axe reports them. */
    public static List<Violation> check(WebDriver driver) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(TIMEOUT);
        page.executeScript(script());
        JsonNode result = JSON.readTree(String.valueOf(page.executeAsyncScript(RUN)));
        if (result.has("error")) {
            throw new IllegalStateException("axe did not run: " + result.get("error").asString());
        }
        List<Violation> violations = new ArrayList<>();
        for (JsonNode v : result.get("violations")) {
            List<String> nodes = new ArrayList<>();
            v.get("nodes").forEach(node -> nodes.add(node.asString()));
            violations.add(new Violation(v.get("id").asString(), v.path("impact").asString(""),
                    v.get("help").asString(), nodes));
        }
        return violations;
    }

    private static String script() {
        try (InputStream in = Axe.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
