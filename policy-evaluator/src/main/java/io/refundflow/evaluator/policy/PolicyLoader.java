package io.refundflow.evaluator.policy;

import io.refundflow.platform.web.problems.JsonFieldPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a policy file (YAML) and refuses it, with the line or the rule id, unless it is well formed
 * and consistent. A refused file never replaces a working policy, because nothing is returned.
 */
public final class PolicyLoader {

    /** The policy that ships with the service, on the classpath. */
    public static final String BUNDLED_RESOURCE = "/policy/refund-policy.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            // A misspelt condition key must not silently widen a rule.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // A key written twice in one rule would otherwise let the second silently win.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyLoader() {
    }

    /**
     * @param sourceName how to name the file in error messages, e.g. its path
     * @throws InvalidPolicyException if the file is malformed or inconsistent
     */
    public static Policy load(InputStream in, String sourceName) {
        PolicyDocument document;
        try {
            document = YAML.readValue(in, PolicyDocument.class);
        } catch (JacksonException e) {
            throw new InvalidPolicyException(sourceName + where(e) + ": " + e.getOriginalMessage(), e);
        }
        if (document == null) {
            throw new InvalidPolicyException(sourceName + ": the policy file is empty");
        }
        return new PolicyCompiler(sourceName).compile(document);
    }

    public static Policy load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy file " + path, e);
        }
    }

    public static Policy loadBundled() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("policy file missing from the classpath: " + BUNDLED_RESOURCE);
            }
            return load(in, "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(JacksonException e) {
        StringBuilder where = new StringBuilder();
        TokenStreamLocation location = e.getLocation();
        if (location != null && location != TokenStreamLocation.NA && location.getLineNr() > 0) {
            where.append(", line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String path = JsonFieldPath.of(e);
        if (!path.isEmpty()) {
            where.append(" (at ").append(path).append(')');
        }
        return where.toString();
    }
}
