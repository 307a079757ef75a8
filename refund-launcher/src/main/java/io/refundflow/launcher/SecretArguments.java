package io.refundflow.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs another program's main class with some of its arguments taken from the environment variable
 * {@value #VARIABLE} (one per line) instead of the command line: {@code SecretArguments <main class> <its other
 * arguments...>}. For a tool that takes secrets only as arguments (Kafka's storage formatting takes each principal's
 * password so): a command line is readable by every local user in {@code /proc/<pid>/cmdline}, an environment
 * only by its owner.
 */
public final class SecretArguments {

    static final String VARIABLE = "REFUND_SECRET_ARGUMENTS";

    private SecretArguments() {
    }

    static String encode(List<String> arguments) {
        for (String argument : arguments) {
            if (argument.contains("\n")) {
                throw new IllegalArgumentException("an argument with a line break cannot be passed this way");
            }
        }
        return String.join("\n", arguments);
    }

    public static void main(String[] args) throws Throwable {
        List<String> arguments = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        String secret = System.getenv(VARIABLE);
        if (secret != null && !secret.isEmpty()) {
            arguments.addAll(Arrays.asList(secret.split("\n")));
        }
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) arguments.toArray(String[]::new));
    }
}
