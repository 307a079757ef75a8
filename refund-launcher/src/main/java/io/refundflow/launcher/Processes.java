package io.refundflow.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Child JVMs of the launcher, and the clean-up they need. */
final class Processes {

    private Processes() {
    }

    /** Starts {@code java <arguments>} with the launcher's own classpath, output appended to {@code log}. */
    static Process java(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(arguments);
        return start(command, log);
    }

    static Process start(List<String> command, Path log) throws IOException {
        return start(command, Map.of(), log);
    }

    /**
     * Starts {@code command} with {@code environment} added to the launcher's own: where a child's secrets go,
     * since its command line is readable by every local user and its environment only by its owner.
     */
    static Process start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Like {@link #java(List, Path)}, with {@code secretArguments} appended to the program's arguments through its
     * environment (see {@link SecretArguments}) instead of its command line.
     */
    static Process java(List<String> jvmOptions, String mainClass, List<String> arguments, List<String> secretArguments,
            Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(jvmOptions);
        command.add(SecretArguments.class.getName());
        command.add(mainClass);
        command.addAll(arguments);
        return start(command, Map.of(SecretArguments.VARIABLE, SecretArguments.encode(secretArguments)), log);
    }

    /** SIGTERM, then SIGKILL if it has not gone after a grace period. */
    static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
