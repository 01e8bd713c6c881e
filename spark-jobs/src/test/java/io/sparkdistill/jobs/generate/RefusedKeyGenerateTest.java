package io.sparkdistill.jobs.generate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.cli.DistillMain;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The circuit breaker against a real loopback server that answers a few calls, then refuses the key (401) on every
 * call: generate stops after {@code max_consecutive_auth_failures} refusals plus the calls already under way, exits
 * 2 with one {@code error:} line naming the cause and the key's variable, keeps what was answered, and the next run
 * asks only for the rest.
 */
@Tag("slow")
class RefusedKeyGenerateTest {
    private static final int ANSWERED_BEFORE_REFUSING = 30;
    private static final int LIMIT = 20;
    private static final int MAX_IN_FLIGHT = 2;
    /** Spark tasks running at once in the shared local[2] session, each with its own pool of MAX_IN_FLIGHT. */
    private static final int CONCURRENT_TASKS = 2;
    private static final String EXAMPLE_ANSWER = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", "
            + "\"created\": 1700000000, \"model\": \"m\", \"choices\": [{\"index\": 0, \"message\": {\"role\": "
            + "\"assistant\", \"content\": \"billing\"}, \"finish_reason\": \"stop\"}], \"usage\": "
            + "{\"prompt_tokens\": 40, \"completion_tokens\": 1, \"total_tokens\": 41}}";

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean refusing = true;

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        int number = requests.incrementAndGet();
        boolean refuse = refusing && number > ANSWERED_BEFORE_REFUSING;
        if (refuse) {
            refused.incrementAndGet();
        }
        byte[] body = (refuse ? FakeChatServer.INVALID_KEY_BODY : EXAMPLE_ANSWER).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(refuse ? 401 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aKeyRefusedOnEveryCallStopsGenerateAfterTheLimitKeepingWhatWasAnswered() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "refused-key-");
        Path project = Path.of("..").toAbsolutePath().normalize();
        int examples = 0;
        for (String split : List.of("train", "validation", "test")) {
            List<String> lines = Files.readAllLines(project.resolve("data-samples/customer-support/" + split
                    + ".jsonl")).subList(0, 100);
            Files.write(data.resolve(split + ".jsonl"), lines);
            examples += lines.size();
        }
        Path keyFile = Files.writeString(data.resolve("teacher.key"), "sk-revoked");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
        try {
            Path config = Files.writeString(data.resolve("job.yaml"), Files.readString(
                            project.resolve("conf/customer-support-api.yaml"))
                    .replace("../data-samples/customer-support/", data + "/")
                    .replace("dir: ../runs", "dir: " + data.resolve("runs"))
                    .replace("provider: openai", "provider: generic")
                    .replace("base_url: https://api.openai.com/v1",
                            "base_url: http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                    .replace("api_key_env: OPENAI_API_KEY", "api_key_file: " + keyFile)
                    .replace("max_in_flight: 8", "max_in_flight: " + MAX_IN_FLIGHT)
                    .replace("logprobs: true", "logprobs: false")
                    .replace("requests_per_minute: 500", "requests_per_minute: 100000")
                    .replace("tokens_per_minute: 200000", "tokens_per_minute: 100000000"));

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = DistillMain.run(new String[]{"generate", "--config", config.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            String stderr = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, stderr);
            List<String> errors = stderr.lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, errors.size(), stderr);
            String line = errors.get(0);
            assertTrue(line.startsWith("error: the teacher refused 20 calls in a row, so generate stopped asking "
                    + "(teacher.endpoint.max_consecutive_auth_failures): teacher returned HTTP 401 (AUTHENTICATION) "
                    + "[invalid_api_key]: Incorrect API key provided. check the key in the file " + keyFile), line);
            assertTrue(refused.get() >= LIMIT, "it took " + LIMIT + " refusals to stop: " + refused.get());
            assertTrue(refused.get() <= LIMIT + CONCURRENT_TASKS * MAX_IN_FLIGHT,
                    "at most the calls already under way follow the limit: " + refused.get() + " refused calls");

            String synthetic = data.resolve("runs/customer-support-api/synthetic").toString();
            List<String> kept = spark.read().parquet(synthetic).select("id").as(Encoders.STRING()).collectAsList();
            assertTrue(kept.size() >= ANSWERED_BEFORE_REFUSING, "every answer received is kept: " + kept.size());
            assertTrue(line.contains("the " + kept.size() + " accepted and 0 rejected answers of this run are kept"),
                    line);

            int firstRun = requests.get();
            refusing = false;
            assertEquals(0, DistillMain.run(new String[]{"generate", "--config", config.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
            List<String> all = spark.read().parquet(synthetic).select("id").as(Encoders.STRING()).collectAsList();
            assertEquals(examples, all.size(), "the rerun answers the rest");
            assertEquals(examples, new HashSet<>(all).size(), "once each");
            assertTrue(requests.get() - firstRun <= examples - kept.size(),
                    "the rerun asks only for what has no answer: " + (requests.get() - firstRun));
        } finally {
            server.stop(0);
        }
    }
}
