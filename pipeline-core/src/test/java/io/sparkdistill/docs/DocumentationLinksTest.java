package io.sparkdistill.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and the pages under docs/ link to each other by relative paths and heading anchors; a page moved or a
 * heading renamed would leave a newcomer at a dead link. Links to the web are not followed.
 */
class DocumentationLinksTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*)");

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsPointsAtAnExistingFileAndHeading() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String link : links(page)) {
                if (link.matches("[a-z]+:.*")) {
                    continue;
                }
                checked++;
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(PROJECT.relativize(page) + ": " + link + " (no such file)");
                } else if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
                    broken.add(PROJECT.relativize(page) + ": " + link + " (no such heading)");
                }
            }
        }
        assertTrue(checked >= 20, "the README and the docs link to each other (" + checked + " links)");
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("text-tasks-a-student-shaped-by-each-task", anchor("Text tasks: a student shaped by each task"));
        assertEquals("same-seed-same-student", anchor("Same seed, same student"));
        assertEquals("label-students-classification-and-nli", anchor("Label students: classification and nli"));
        assertEquals("what-a-run-writes", anchor("What a run writes"));
    }

    /** The link targets of a page, outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    links.add(m.group(1));
                }
            }
        }
        return links;
    }

    /** The anchors of a Markdown page's headings; other files have none. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = HEADING.matcher(line);
                if (m.matches()) {
                    anchors.add(anchor(m.group(1)));
                }
            }
        }
        return anchors;
    }

    /** GitHub's rule: lower case, punctuation dropped (except '-' and '_'), each space a '-'. */
    private static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
