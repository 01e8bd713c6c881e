package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One recorded provider response from the shared fixture set. The fixtures stay where they are
 * ({@code shared/fixtures/providers/} next to the checkout, as their README asks: data, not copied into the
 * project); the directory is found by walking up from the working directory, or given by the system property
 * {@code sparkdistill.providerFixtures}.
 */
record ProviderFixture(String name, int status, Map<String, String> headers, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ProviderFixture load(String fileName) {
        try {
            JsonNode root = MAPPER.readTree(directory().resolve(fileName).toFile());
            Map<String, String> headers = new LinkedHashMap<>();
            root.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            String body = root.has("body_sse") ? root.get("body_sse").asText()
                    : MAPPER.writeValueAsString(root.get("body"));
            return new ProviderFixture(fileName, root.get("status").asInt(), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read provider fixture " + fileName, e);
        }
    }

    /** The fixture as a reply of the loopback server, with its recorded status, headers and body. */
    LoopbackServer.Reply reply() {
        return new LoopbackServer.Reply(status, headers, body, java.time.Duration.ZERO);
    }

    static Path directory() {
        String configured = System.getProperty("sparkdistill.providerFixtures");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/providers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        String missing = "provider fixtures not found: no shared/fixtures/providers above "
                + Path.of("").toAbsolutePath() + "; set -Dsparkdistill.providerFixtures=<dir>";
        // They are the project's shared test data, beside the checkout on developer machines and in CI, where their
        // absence is an error; a user's fresh clone has no shared/ folder, so there these tests are skipped.
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(missing);
        }
        org.junit.jupiter.api.Assumptions.abort(missing);
        throw new AssertionError("unreachable: abort always throws");
    }

    static Stream<String> allNames() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }
}
