package io.refundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door and {@code docs/} holds one topic per file, linked to each other: a file moved or a
 * heading renamed must not leave a reader at a dead end. Every relative link of every Markdown file in the
 * repository (outside build output) resolves to a file or directory, and its {@code #anchor}, if any, to a heading
 * of the Markdown file it points at (GitHub's heading ids). Every script the documentation tells a reader to run
 * exists.
 */
class DocumentationLinksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Directories that hold no documentation of the repository: build output, the local run, dependencies. */
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", ".run-local", "node_modules");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w./-])scripts/([\\w.-]+\\.sh)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        for (Path document : markdownFiles()) {
            for (String target : links(document)) {
                String problem = problemWith(document, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(document) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyScriptTheDocumentationNamesExists() {
        List<String> missing = new ArrayList<>();
        for (Path document : markdownFiles()) {
            Matcher script = SCRIPT.matcher(read(document));
            while (script.find()) {
                if (!Files.isRegularFile(ROOT.resolve("scripts").resolve(script.group(1)))) {
                    missing.add(ROOT.relativize(document) + ": scripts/" + script.group(1));
                }
            }
        }
        assertThat(missing).as("scripts named but not in scripts/").isEmpty();
    }

    @Test
    void theReadmeStaysAFrontDoor() {
        // what it is, the diagram, two commands, a walkthrough, the module map and links: the rest is in docs/
        assertThat(lines(ROOT.resolve("README.md"))).as("lines of README.md").hasSizeLessThanOrEqualTo(220);
    }

    /** Why the link does not resolve, or null when it does. */
    private static String problemWith(Path document, String target) {
        String path = target;
        String anchor = null;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            path = target.substring(0, hash);
            anchor = target.substring(hash + 1);
        }
        Path resolved = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !headingIds(resolved).contains(anchor)) {
            return "no heading #" + anchor + " in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /** The relative links of a Markdown file, outside fenced code blocks (commands, not links). */
    private static List<String> links(Path document) {
        List<String> links = new ArrayList<>();
        for (String line : proseLines(document)) {
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {   // http:, https:, mailto: are not ours to check
                    links.add(target);
                }
            }
        }
        return links;
    }

    /** The ids GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, -1 for repeats. */
    static Set<String> headingIds(Path document) {
        Set<String> ids = new HashSet<>();
        for (String line : proseLines(document)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String id = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
            String unique = id;
            for (int repeat = 1; !ids.add(unique); repeat++) {
                unique = id + "-" + repeat;
            }
        }
        return ids;
    }

    /** The lines of a Markdown file outside its fenced code blocks: a command's "# comment" is no heading. */
    private static List<String> proseLines(Path document) {
        List<String> prose = new ArrayList<>();
        boolean inFence = false;
        for (String line : lines(document)) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence) {
                prose.add(line);
            }
        }
        return prose;
    }

    private static List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> found = files
                    .filter(file -> file.toString().endsWith(".md"))
                    .filter(file -> ROOT.relativize(file).getNameCount() > 0)
                    .filter(file -> !skipped(ROOT.relativize(file)))
                    .sorted()
                    .toList();
            assertThat(found).as("Markdown files under " + ROOT).contains(ROOT.resolve("README.md"));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(Path document) {
        return read(document).lines().toList();
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
