package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.events.Money;
import io.refundflow.platform.web.problems.JsonFieldPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a batch of what-if questions from the command line: reads a JSON array of
 * {@link DryRunBody} and writes a JSON array of {@link DryRunAnswer}, in the same order. Either
 * every element is answered or nothing is written, so a tool never mistakes a partial answer for
 * a whole one.
 */
public final class DryRunCommand {

    private final PolicyEngine engine;
    private final JsonMapper mapper = JsonMapper.builder()
            // A misspelt field must not silently turn into "no evidence" or "nothing refunded".
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public DryRunCommand(PolicyEngine engine) {
        this.engine = engine;
    }

    /** @throws InvalidDryRunInputException naming the element index and the field at fault */
    public void run(InputStream in, OutputStream out) {
        mapper.writeValue(out, answer(in));
    }

    public List<DryRunAnswer> answer(InputStream in) {
        JsonNode elements = readArray(in);
        List<DryRunAnswer> answers = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            answers.add(answer(i, elements.get(i)));
        }
        return answers;
    }

    /**
     * Answers one body, as the REST endpoint does: the same JSON rules as the batch, with messages that name
     * the field without an element index.
     *
     * @throws InvalidDryRunInputException naming the field at fault
     */
    public DryRunAnswer answerOne(InputStream in) {
        JsonNode tree = read(in);
        if (tree == null || !tree.isObject()) {
            throw new InvalidDryRunInputException("the body must be an object with 'order' and 'request'");
        }
        DryRunBody body;
        try {
            body = mapper.treeToValue(tree, DryRunBody.class);
        } catch (JacksonException e) {
            throw new InvalidDryRunInputException("field " + path(e) + ": " + problem(e), e);
        }
        return DryRunMapping.evaluate(engine, body);
    }

    private JsonNode read(InputStream in) {
        try {
            return mapper.readTree(in);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new InvalidDryRunInputException("input is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode readArray(InputStream in) {
        JsonNode tree = read(in);
        if (tree == null || !tree.isArray()) {
            throw new InvalidDryRunInputException("input must be a JSON array of dry-run bodies");
        }
        return tree;
    }

    private DryRunAnswer answer(int index, JsonNode element) {
        String prefix = "element [" + index + "]";
        if (!element.isObject()) {
            throw new InvalidDryRunInputException(prefix + ": must be an object with 'order' and 'request'");
        }
        DryRunBody body;
        try {
            body = mapper.treeToValue(element, DryRunBody.class);
        } catch (JacksonException e) {
            throw new InvalidDryRunInputException(prefix + ", field " + path(e) + ": " + problem(e), e);
        }
        try {
            return DryRunMapping.evaluate(engine, body);
        } catch (InvalidDryRunInputException e) {
            throw new InvalidDryRunInputException(prefix + ", " + e.getMessage(), e);
        }
    }

    /** Money's own checks fail without a message Jackson could pass on, so say what a valid one is. */
    private static String problem(JacksonException e) {
        if (e instanceof ValueInstantiationException invalid && invalid.getType().hasRawClass(Money.class)) {
            return "not a valid amount: needs \"amount\" as a decimal string and \"currency\" as a known"
                    + " ISO 4217 code";
        }
        return e.getOriginalMessage();
    }

    /** The JSON path of the failing value; a failure of the whole document is the body's. */
    private static String path(JacksonException e) {
        String path = JsonFieldPath.of(e);
        return path.isEmpty() ? "(body)" : path;
    }
}
