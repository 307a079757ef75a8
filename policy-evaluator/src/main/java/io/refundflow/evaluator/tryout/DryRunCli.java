package io.refundflow.evaluator.tryout;

import io.refundflow.evaluator.policy.InvalidPolicyException;
import io.refundflow.evaluator.policy.Policy;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The command-line mode of the service jar:
 *
 * <pre>java -jar policy-evaluator-&lt;version&gt;-exec.jar --dry-run [file] [--policy-file=path]</pre>
 *
 * reads a JSON array of dry-run bodies from the file (or stdin when absent or {@code -}) and writes the JSON
 * array of answers to stdout. Neither the web server nor Kafka nor the database is started. The policy is
 * the one the service would use: {@code --policy-file=} (or {@code --refund.evaluator.policy-file=}), else
 * the environment's {@code REFUND_EVALUATOR_POLICY_FILE}, else the bundled one. Either every body is answered
 * or nothing is written to stdout.
 *
 * <p>Exit codes: 0 answered; 1 bad input (the message names the element and the field); 2 bad usage, an
 * unreadable file or an invalid policy.
 */
public final class DryRunCli {

    public static final String FLAG = "--dry-run";
    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int BAD_USAGE = 2;

    private static final String USAGE = "usage: java -jar policy-evaluator-exec.jar --dry-run [file|-]"
            + " [--policy-file=path]";
    private static final String[] POLICY_OPTIONS = {"--policy-file=", "--refund.evaluator.policy-file="};
    private static final String POLICY_ENV = "REFUND_EVALUATOR_POLICY_FILE";

    private DryRunCli() {
    }

    public static boolean isDryRun(String[] args) {
        return args != null && Arrays.asList(args).contains(FLAG);
    }

    /** Runs the dry run; returns the exit code. Writes answers to {@code out}, messages to {@code err}. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out,
            PrintStream err) {
        String input = null;
        String policyFile = env.get(POLICY_ENV);
        for (String arg : args) {
            if (FLAG.equals(arg)) {
                continue;
            }
            String policyOption = policyOption(arg);
            if (policyOption != null) {
                policyFile = policyOption;
            } else if (arg.startsWith("--")) {
                err.println("dry-run: unknown option " + arg);
                err.println(USAGE);
                return BAD_USAGE;
            } else if (input != null) {
                err.println("dry-run: only one input file may be given, got " + input + " and " + arg);
                err.println(USAGE);
                return BAD_USAGE;
            } else {
                input = arg;
            }
        }
        PolicyEngine engine;
        try {
            Policy policy = policyFile == null || policyFile.isBlank() ? PolicyLoader.loadBundled()
                    : PolicyLoader.load(Path.of(policyFile));
            engine = new PolicyEngine(policy);
        } catch (InvalidPolicyException e) {
            err.println("dry-run: invalid policy: " + e.getMessage());
            return BAD_USAGE;
        } catch (UncheckedIOException e) {
            err.println("dry-run: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return BAD_USAGE;
        }
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        try (InputStream in = input == null || "-".equals(input) ? nonClosing(stdin) : Files.newInputStream(
                Path.of(input))) {
            new DryRunCommand(engine).run(in, answers);
        } catch (InvalidDryRunInputException e) {
            err.println("dry-run: " + e.getMessage());
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("dry-run: input file not found: " + input);
            return BAD_USAGE;
        } catch (IOException e) {
            err.println("dry-run: cannot read " + (input == null ? "stdin" : input) + ": " + e.getMessage());
            return BAD_USAGE;
        }
        out.print(answers.toString(StandardCharsets.UTF_8));
        out.println();
        out.flush();
        return OK;
    }

    private static String policyOption(String arg) {
        for (String option : POLICY_OPTIONS) {
            if (arg.startsWith(option)) {
                return arg.substring(option.length());
            }
        }
        return null;
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // stdin belongs to the caller
            }
        };
    }
}
