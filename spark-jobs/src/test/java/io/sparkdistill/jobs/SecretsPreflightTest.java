package io.sparkdistill.jobs;

import io.sparkdistill.jobs.cli.DistillMain;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.jobs.teacher.SupportIntentTeacher;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through {@code distill} as a user runs it, against a real OpenAI-protocol server on loopback: a key no header can
 * carry and an output folder that cannot be written stop the run before any request, with one {@code error:} line
 * and exit 2; credentials in {@code base_url} are used, appear in no log, Parquet file or report, and rotating them
 * buys nothing again.
 */
@Tag("slow")
class SecretsPreflightTest {
    private static final String KEY = "sk-planted-" + UUID.randomUUID().toString().replace("-", "");
    private static final String PASSWORD = "pw-planted-" + UUID.randomUUID().toString().replace("-", "");
    private static final String GATEWAY_KEY = "gk-planted-" + UUID.randomUUID().toString().replace("-", "");

    private static SparkSession spark;
    private static Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        spark = SharedSpark.session();
        data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "secrets-preflight-");
        String[] splits = {"train", "validation", "test"};
        int[] sizes = {80, 20, 30};
        for (int i = 0; i < splits.length; i++) {
            List<String> lines = Files.readAllLines(TestJobs.PROJECT.resolve("data-samples/customer-support/"
                    + splits[i] + ".jsonl")).subList(0, sizes[i]);
            Files.write(data.resolve(splits[i] + ".jsonl"), lines);
        }
    }

    @AfterAll
    static void stop() {
        spark.catalog().clearCache();
    }

    /** The API job on {@code data}, with the endpoint lines replaced by {@code endpoint} (YAML at 4 spaces). */
    private static Path config(String name, String endpoint) throws IOException {
        String yaml = TestJobs.yaml("customer-support-api", data)
                .replace("""
                            provider: openai
                            base_url: https://api.openai.com/v1
                        """, endpoint)
                .replace("    api_key_env: OPENAI_API_KEY\n", "")
                .replace("num_epochs: 10", "num_epochs: 1")
                .replace("master: local[*]", "master: local[2]");
        Path file = data.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String keyFileEndpoint(FakeChatServer server, Path keyFile) {
        return "    provider: generic\n    base_url: " + server.baseUrl() + "\n    api_key_file: " + keyFile + "\n";
    }

    private int distill(String... args) {
        return DistillMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Exit 2 with exactly one line, an {@code error:} one, and that line. */
    private String oneErrorLine(int code) {
        assertEquals(2, code, stderr());
        List<String> lines = stderr().lines().toList();
        assertEquals(1, lines.size(), stderr());
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        return lines.get(0);
    }

    private void assertNoRequestAndNoKey(FakeChatServer server, CapturedLogs logs) {
        assertEquals(0, server.requestCount(), "no request reached the teacher");
        for (String output : List.of(stderr(), out.toString(StandardCharsets.UTF_8), logs.text())) {
            assertFalse(output.contains(KEY), "the key leaked: " + output);
        }
    }

    @Test
    void aKeyFileWithATrailingZeroWidthSpaceStopsTheRunNamingTheFileAndPosition() throws Exception {
        Path keyFile = data.resolve("pasted.key");
        Files.writeString(keyFile, KEY + "\u200B\n");
        try (FakeChatServer server = FakeChatServer.start(KEY, SupportIntentTeacher.answerer());
             CapturedLogs logs = new CapturedLogs()) {
            String line = oneErrorLine(distill("generate", "--config",
                    config("zwsp", keyFileEndpoint(server, keyFile)).toString(), "--set", "output.run_name=zwsp"));

            int position = KEY.length() + 1;
            assertTrue(line.contains("teacher.endpoint: the key in key file " + keyFile + " (apiKeyFile): character "
                    + position + " of " + position + " is U+200B ZERO WIDTH SPACE"), line);
            assertNoRequestAndNoKey(server, logs);
        }
    }

    @Test
    void aKeyFileWithACarriageReturnInsideStopsTheRunNamingThePosition() throws Exception {
        Path keyFile = data.resolve("windows.key");
        Files.writeString(keyFile, KEY.substring(0, 12) + "\r\n" + KEY.substring(12) + "\r\n");
        try (FakeChatServer server = FakeChatServer.start(KEY, SupportIntentTeacher.answerer());
             CapturedLogs logs = new CapturedLogs()) {
            String line = oneErrorLine(distill("run", "--config",
                    config("crlf", keyFileEndpoint(server, keyFile)).toString(), "--set", "output.run_name=crlf"));

            assertTrue(line.contains("character 13 of " + (KEY.length() + 2) + " is U+000D CARRIAGE RETURN (CR)"),
                    line);
            assertNoRequestAndNoKey(server, logs);
        }
    }

    @Test
    void aReadOnlyRunFolderStopsTheRunBeforeAnyRequest() throws Exception {
        Path keyFile = data.resolve("good.key");
        Files.writeString(keyFile, KEY + "\n");
        Path runFolder = Files.createDirectories(data.resolve("runs/read-only"));
        try (FakeChatServer server = FakeChatServer.start(KEY, SupportIntentTeacher.answerer());
             CapturedLogs logs = new CapturedLogs();
             ReadOnly ignored = ReadOnly.make(runFolder)) {
            String line = oneErrorLine(distill("generate", "--config",
                    config("read-only", keyFileEndpoint(server, keyFile)).toString(),
                    "--set", "output.run_name=read-only"));

            assertTrue(line.startsWith("error: output.dir / output.run_name: cannot write to '" + runFolder + "'"),
                    line);
            assertNoRequestAndNoKey(server, logs);
        }
        try (Stream<Path> left = Files.list(runFolder)) {
            assertEquals(List.of(), left.toList(), "nothing was written");
        }
    }

    @Test
    void aMissingInputSplitStopsTheRunBeforeAnyRequestNamingTheSplit() throws Exception {
        Path keyFile = data.resolve("good.key");
        Files.writeString(keyFile, KEY + "\n");
        try (FakeChatServer server = FakeChatServer.start(KEY, SupportIntentTeacher.answerer());
             CapturedLogs logs = new CapturedLogs()) {
            String line = oneErrorLine(distill("generate", "--config",
                    config("missing", keyFileEndpoint(server, keyFile)).toString(),
                    "--set", "output.run_name=missing", "--set", "data.test=" + data.resolve("tset.jsonl")));

            assertTrue(line.startsWith("error: data.test: no file at '" + data.resolve("tset.jsonl") + "'"), line);
            assertNoRequestAndNoKey(server, logs);
        }
    }

    @Test
    void credentialsInTheBaseUrlAreUsedButLandInNoOutputAndRotatingThemBuysNothingAgain() throws Exception {
        try (FakeChatServer server = FakeChatServer.start(null, SupportIntentTeacher.answerer());
             CapturedLogs logs = new CapturedLogs()) {
            String url = server.baseUrl().replace("http://", "http://distill:" + PASSWORD + "@")
                    + "?gateway-key=" + GATEWAY_KEY;
            Path config = config("url-credentials", "    provider: generic\n    base_url: " + url + "\n");
            assertEquals(0, distill("run", "--config", config.toString(), "--set", "output.run_name=first",
                    "--set", "evaluation.latency_examples=10", "--set", "evaluation.warmup_examples=5"), stderr());
            long paid = server.requestCount();
            assertTrue(paid > 0);
            assertTrue(server.headerValues("Authorization").contains("Basic " + Base64.getEncoder()
                    .encodeToString(("distill:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));

            String rotated = url.replace(PASSWORD, "rotated-" + PASSWORD)
                    .replace(GATEWAY_KEY, "rotated-" + GATEWAY_KEY);
            assertEquals(0, distill("generate", "--config", config.toString(), "--set", "output.run_name=second",
                    "--set", "teacher.endpoint.base_url=" + rotated), stderr());
            assertEquals(paid, server.requestCount(), "the rotated credentials found every answer in the cache");

            Path runs = data.resolve("runs");
            List<String> details = spark.read().parquet(runs.resolve("first/synthetic").toString())
                    .select("teacher_details").distinct().as(Encoders.STRING()).collectAsList();
            assertEquals(1, details.size(), details.toString());
            assertTrue(details.get(0).contains("http://****@127.0.0.1:" + server.port() + "/v1?gateway-key=****"),
                    details.get(0));
            assertEquals(fingerprints(runs.resolve("first")), fingerprints(runs.resolve("second")));

            assertTrue(logs.text().contains("127.0.0.1:" + server.port() + "/v1/chat/completions"),
                    "the logs were captured: " + logs.text());
            for (String secret : List.of(PASSWORD, GATEWAY_KEY)) {
                assertFalse(logs.text().contains(secret), "logs");
                assertFalse(stderr().contains(secret) || out.toString(StandardCharsets.UTF_8).contains(secret));
                assertInNoFile(runs, secret);
            }
            assertTrue(Files.exists(runs.resolve("first/report.md")), "the report was checked too");
        }
    }

    private static List<String> fingerprints(Path run) {
        return spark.read().parquet(run.resolve("synthetic").toString()).select("teacher_fingerprint").distinct()
                .as(Encoders.STRING()).collectAsList();
    }

    private static void assertInNoFile(Path folder, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(new String(needle, StandardCharsets.ISO_8859_1)),
                        "a credential leaked into " + file);
            }
        }
    }

    /**
     * A folder no one may write to, root included: POSIX permissions, and the immutable attribute when the tests run
     * as root (which permissions do not stop). Restored on close so target/ can be cleaned.
     */
    private record ReadOnly(Path folder, boolean immutable) implements AutoCloseable {
        static ReadOnly make(Path folder) throws Exception {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            boolean immutable = false;
            if (Files.isWritable(folder)) {
                immutable = new ProcessBuilder("chattr", "+i", folder.toString()).inheritIO().start().waitFor() == 0;
            }
            ReadOnly readOnly = new ReadOnly(folder, immutable);
            try {
                assertThrows(IOException.class, () -> Files.delete(Files.createFile(folder.resolve("probe"))),
                        "the folder is really read-only");
            } catch (AssertionError e) {
                readOnly.close();
                throw e;
            }
            return readOnly;
        }

        @Override
        public void close() throws Exception {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", folder.toString()).inheritIO().start().waitFor();
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
