package io.sparkdistill.jobs.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FakeChatServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-fake-test-4f1c9a";
    private static final List<String> LABELS = List.of("positive", "negative", "neutral");
    private static final LabelAnswerer SENTIMENT = new LabelAnswerer(LABELS,
            Map.of("great", "positive", "love", "positive", "awful", "negative", "hate", "negative"), "neutral");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FakeChatServer start(FaultPlan faults) throws IOException {
        server = FakeChatServer.builder().apiKey(KEY).answerer(SENTIMENT).faults(faults).start();
        return server;
    }

    private static String request(String userText, boolean logprobs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "teacher-large");
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", "Classify the sentiment.");
        messages.addObject().put("role", "user").put("content", userText);
        root.put("temperature", 0.7);
        root.put("max_tokens", 16);
        if (logprobs) {
            root.put("logprobs", true);
            root.put("top_logprobs", 5);
        }
        return root.toString();
    }

    private HttpResponse<String> post(URI uri, String body, String headerName, String headerValue,
                                      Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headerName != null) {
            b.header(headerName, headerValue);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(server.chatUri(), body, "Authorization", "Bearer " + KEY, Duration.ofSeconds(10));
    }

    private HttpResponse<String> ask(String userText) throws IOException, InterruptedException {
        return post(request(userText, false));
    }

    private static String content(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).at("/choices/0/message/content").asText();
    }

    private static String prompt(String userText) {
        return "system: Classify the sentiment.\nuser: " + userText;
    }

    // ---------------------------------------------------------------- answers

    @Test
    void a_label_request_gets_the_keyword_label_in_the_openai_shape_with_usage_and_first_token_logprobs()
            throws Exception {
        start(FaultPlan.none());
        HttpResponse<String> response = post(request("I love it, a great film", true));

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode root = JSON.readTree(response.body());
        assertTrue(root.path("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", root.path("object").asText());
        assertEquals(FakeChatServer.CREATED, root.path("created").asLong());
        assertEquals("teacher-large", root.path("model").asText());
        JsonNode choice = root.at("/choices/0");
        assertEquals(0, choice.path("index").asInt());
        assertEquals("assistant", choice.at("/message/role").asText());
        assertEquals("positive", choice.at("/message/content").asText());
        assertEquals("stop", choice.path("finish_reason").asText());

        JsonNode first = choice.at("/logprobs/content/0");
        assertEquals("positive", first.path("token").asText());
        assertEquals(Math.log(0.85), first.path("logprob").asDouble(), 1e-9);
        assertEquals(List.of(112, 111, 115, 105, 116, 105, 118, 101), ints(first.path("bytes")));
        JsonNode top = first.path("top_logprobs");
        assertEquals(3, top.size(), "one entry per label, top_logprobs (5) being more than the labels");
        assertEquals("positive", top.at("/0/token").asText());
        double mass = 0;
        for (JsonNode t : top) {
            mass += Math.exp(t.path("logprob").asDouble());
            assertTrue(LABELS.contains(t.path("token").asText()));
        }
        assertEquals(1.0, mass, 1e-9);
        assertEquals(0.075, Math.exp(top.at("/1/logprob").asDouble()), 1e-9);

        // system "Classify the sentiment." 3 words -> 4 tokens; user 6 words -> 8 tokens; answer 1 word -> 1 token
        assertEquals(12, root.at("/usage/prompt_tokens").asInt());
        assertEquals(1, root.at("/usage/completion_tokens").asInt());
        assertEquals(13, root.at("/usage/total_tokens").asInt());
    }

    @Test
    void without_logprobs_in_the_request_the_answer_has_null_logprobs_and_no_keyword_gives_the_default_label()
            throws Exception {
        start(FaultPlan.none());
        HttpResponse<String> response = ask("It is a film about a train");
        JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
        assertEquals("neutral", choice.at("/message/content").asText());
        assertTrue(choice.path("logprobs").isNull());
        assertEquals("negative", content(ask("awful, awful, but I love the music")));
    }

    @Test
    void the_same_request_gets_the_same_answer_byte_for_byte() throws Exception {
        start(FaultPlan.none());
        String body = request("great", true);
        assertEquals(post(body).body(), post(body).body());
        assertNotEquals(post(body).body(), post(request("awful", true)).body());
    }

    @Test
    void n_gives_several_choices_and_max_tokens_cuts_a_long_answer_with_finish_reason_length() throws Exception {
        server = FakeChatServer.builder().apiKey(KEY)
                .answerer(Answerer.fixed("one two three four five six seven eight nine ten eleven twelve")).start();
        ObjectNode req = (ObjectNode) JSON.readTree(request("count", false));
        req.put("n", 2);
        req.put("max_tokens", 4);
        JsonNode root = JSON.readTree(post(req.toString()).body());
        assertEquals(2, root.path("choices").size());
        assertEquals(1, root.at("/choices/1/index").asInt());
        assertEquals("one two three", root.at("/choices/0/message/content").asText());
        assertEquals("length", root.at("/choices/0/finish_reason").asText());
        assertEquals(2 * 4, root.at("/usage/completion_tokens").asInt());
    }

    @Test
    void the_plain_and_the_azure_deployment_paths_are_served_and_the_azure_api_key_header_is_accepted()
            throws Exception {
        start(FaultPlan.none());
        URI plain = URI.create(server.rootUrl() + "/chat/completions");
        assertEquals(200, post(plain, request("great", false), "Authorization", "Bearer " + KEY,
                Duration.ofSeconds(5)).statusCode());

        HttpResponse<String> azure = post(server.azureChatUri("gpt-4o-teacher", "2024-10-21"),
                request("great", false).replace("\"model\":\"teacher-large\",", ""), "api-key", KEY,
                Duration.ofSeconds(5));
        assertEquals(200, azure.statusCode());
        assertEquals("gpt-4o-teacher", JSON.readTree(azure.body()).path("model").asText());

        URI noVersion = URI.create(server.rootUrl() + "/openai/deployments/gpt-4o-teacher/chat/completions");
        assertEquals(404, post(noVersion, request("great", false), "api-key", KEY, Duration.ofSeconds(5))
                .statusCode());
        assertEquals(404, post(URI.create(server.rootUrl() + "/v1/completions"), request("great", false),
                "api-key", KEY, Duration.ofSeconds(5)).statusCode());
        assertEquals(Set.of("Bearer " + KEY), server.headerValues("authorization"));
        assertTrue(server.headerValues("api-key").contains(KEY));
    }

    @Test
    void a_wrong_or_missing_key_gets_401_with_the_openai_error_body_which_never_echoes_the_key() throws Exception {
        start(FaultPlan.none());
        String wrong = "sk-wrong-key-7777";
        HttpResponse<String> response = post(server.chatUri(), request("great", false), "Authorization",
                "Bearer " + wrong, Duration.ofSeconds(5));
        assertEquals(401, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("Incorrect API key provided", error.path("message").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertEquals("invalid_api_key", error.path("code").asText());
        assertFalse(response.body().contains(wrong));
        assertFalse(response.body().contains(KEY));

        assertEquals(401, post(server.chatUri(), request("great", false), null, null, Duration.ofSeconds(5))
                .statusCode());
        assertEquals(401, post(server.chatUri(), request("great", false), "api-key", wrong, Duration.ofSeconds(5))
                .statusCode());
    }

    @Test
    void a_body_that_is_not_a_chat_request_gets_400() throws Exception {
        start(FaultPlan.none());
        assertEquals(400, post("{not json").statusCode());
        assertEquals(400, post("{\"model\":\"m\"}").statusCode());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void a_rate_limited_prompt_gets_429_with_retry_after_and_rate_limit_headers() throws Exception {
        start(FaultPlan.builder().containing("limited", Fault.rateLimited(), FaultPlan.ALWAYS).build());
        HttpResponse<String> response = ask("limited");
        assertEquals(429, response.statusCode());
        assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", response.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals("1s", response.headers().firstValue("x-ratelimit-reset-requests").orElseThrow());
        assertTrue(response.headers().firstValue("x-ratelimit-limit-tokens").isPresent());
        assertEquals("rate_limit_exceeded", JSON.readTree(response.body()).at("/error/code").asText());
        assertEquals(200, ask("free").statusCode());
    }

    @Test
    void server_errors_answer_500_and_503_with_openai_error_bodies() throws Exception {
        start(FaultPlan.builder()
                .containing("five hundred", Fault.serverError(), FaultPlan.ALWAYS)
                .containing("overloaded", Fault.unavailable(), FaultPlan.ALWAYS).build());
        HttpResponse<String> e500 = ask("five hundred");
        assertEquals(500, e500.statusCode());
        assertEquals("server_error", JSON.readTree(e500.body()).at("/error/type").asText());
        HttpResponse<String> e503 = ask("overloaded");
        assertEquals(503, e503.statusCode());
        assertTrue(JSON.readTree(e503.body()).at("/error/message").asText().contains("overloaded"));
    }

    @Test
    void a_slow_answer_runs_past_the_client_timeout() throws Exception {
        start(FaultPlan.builder().containing("slow", Fault.slow(Duration.ofMillis(1500)), FaultPlan.ALWAYS).build());
        long t0 = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> post(server.chatUri(), request("slow", false),
                "Authorization", "Bearer " + KEY, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 < 1_400_000_000L, "the client gave up before the answer");
        assertEquals(200, ask("fast").statusCode());
    }

    @Test
    void a_slow_answer_that_the_client_waits_for_arrives_after_the_delay() throws Exception {
        start(FaultPlan.builder().containing("slow", Fault.slow(Duration.ofMillis(300)), 1).build());
        long t0 = System.nanoTime();
        HttpResponse<String> response = ask("slow but great");
        assertTrue(System.nanoTime() - t0 >= 290_000_000L);
        assertEquals("positive", content(response));
    }

    @Test
    void a_connection_reset_leaves_the_client_with_an_io_error_and_no_response() throws Exception {
        start(FaultPlan.builder().containing("reset", Fault.connectionReset(), FaultPlan.ALWAYS).build());
        IOException e = assertThrows(IOException.class, () -> ask("reset"));
        assertFalse(e instanceof HttpTimeoutException, e.toString());
        assertEquals(1, server.attempts(prompt("reset")), "the client did not retry on its own");
        assertEquals(Map.of(0, 1), server.statusCounts());
        assertEquals(200, ask("after the break").statusCode(), "the server goes on serving");
    }

    @Test
    void a_connection_reset_mid_body_leaves_the_client_with_an_io_error_after_the_headers() throws Exception {
        start(FaultPlan.builder().containing("dropped", Fault.connectionResetMidBody(), 1).build());
        IOException e = assertThrows(IOException.class, () -> ask("dropped"));
        assertFalse(e instanceof HttpTimeoutException, e.toString());
        assertEquals(200, ask("dropped").statusCode(), "the second attempt gets through");
        assertEquals(2, server.attempts(prompt("dropped")));
    }

    @Test
    void malformed_json_is_a_200_with_a_body_cut_in_half() throws Exception {
        start(FaultPlan.builder().containing("garbled", Fault.malformedJson(), FaultPlan.ALWAYS).build());
        HttpResponse<String> response = ask("garbled");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("{\"id\":\"chatcmpl-"));
        assertThrows(IOException.class, () -> JSON.readTree(response.body()));
    }

    @Test
    void a_truncated_output_is_cut_short_with_finish_reason_length() throws Exception {
        server = FakeChatServer.builder().apiKey(KEY)
                .answerer(Answerer.fixed("The answer is forty two because six times seven"))
                .faults(FaultPlan.builder().containing("cut", Fault.truncated(), FaultPlan.ALWAYS).build()).start();
        JsonNode cut = JSON.readTree(ask("cut").body()).at("/choices/0");
        assertEquals("length", cut.path("finish_reason").asText());
        assertEquals("The answer is forty", cut.at("/message/content").asText());
        JsonNode whole = JSON.readTree(ask("whole").body()).at("/choices/0");
        assertEquals("stop", whole.path("finish_reason").asText());

        server.close();
        start(FaultPlan.builder().containing("cut", Fault.truncated(), FaultPlan.ALWAYS).build());
        assertEquals("posi", content(ask("cut but great")), "a one-word label loses half its letters");
    }

    @Test
    void a_transient_fault_fails_the_first_attempt_and_the_second_succeeds() throws Exception {
        start(FaultPlan.builder().firstAttempts(1, Fault.serverError()).build());
        assertEquals(500, ask("great").statusCode());
        HttpResponse<String> second = ask("great");
        assertEquals(200, second.statusCode());
        assertEquals("positive", content(second));
        assertEquals(500, ask("awful").statusCode(), "every prompt has its own attempts");
        assertEquals(2, server.attempts(prompt("great")));
        assertEquals(1, server.attemptsContaining("awful"));
        assertEquals(2, server.maxAttempts());
        assertEquals(2, server.distinctPrompts());
        assertEquals(3, server.requestCount());
    }

    @Test
    void a_permanent_fault_fails_every_attempt_of_its_prompts_only() throws Exception {
        start(FaultPlan.builder().containing("doomed", Fault.serverError(), FaultPlan.ALWAYS)
                .containing("flaky", Fault.rateLimited(), 2).build());
        for (int i = 0; i < 5; i++) {
            assertEquals(500, ask("doomed").statusCode());
        }
        assertEquals(429, ask("flaky").statusCode());
        assertEquals(429, ask("flaky").statusCode());
        assertEquals(200, ask("flaky").statusCode());
        assertEquals(200, ask("fine").statusCode());
        assertEquals(5, server.attempts(prompt("doomed")));
        assertEquals(Map.of(200, 2, 429, 2, 500, 5), server.statusCounts());
    }

    @Test
    void share_rules_take_disjoint_shares_of_distinct_prompts_as_the_plan_predicts() throws Exception {
        FaultPlan plan = FaultPlan.builder().seed(3)
                .share(0.2, Fault.rateLimited(), 1)
                .share(0.1, Fault.serverError(), FaultPlan.ALWAYS).build();
        start(plan);
        int limited = 0;
        int failed = 0;
        for (int i = 0; i < 300; i++) {
            String text = "review number " + i;
            int status = ask(text).statusCode();
            Fault expected = plan.assignedFault(prompt(text)).orElse(null);
            int expectedStatus = expected == null ? 200 : expected.kind() == Fault.Kind.RATE_LIMITED ? 429 : 500;
            assertEquals(expectedStatus, status, text);
            limited += status == 429 ? 1 : 0;
            failed += status == 500 ? 1 : 0;
            if (status == 429) {
                assertEquals(200, ask(text).statusCode(), "the rate limit is transient");
            }
        }
        assertEquals(0.2, limited / 300.0, 0.07);
        assertEquals(0.1, failed / 300.0, 0.05);
        // the same seed and prompts give the same selection in a new plan
        FaultPlan again = FaultPlan.builder().seed(3).share(0.2, Fault.rateLimited(), 1)
                .share(0.1, Fault.serverError(), FaultPlan.ALWAYS).build();
        for (int i = 0; i < 300; i++) {
            assertEquals(plan.failingAttempts(prompt("review number " + i)),
                    again.failingAttempts(prompt("review number " + i)));
        }
    }

    @Test
    void every_nth_request_fails_by_the_servers_counter_whatever_the_prompt() throws Exception {
        start(FaultPlan.builder().everyNthRequest(3, Fault.unavailable()).build());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(ask("same prompt").statusCode());
        }
        assertEquals(List.of(200, 200, 503, 200, 200, 503, 200), statuses);
    }

    // ---------------------------------------------------------------- observations and capacity

    @Test
    void observations_record_arrival_times_attempts_and_the_key_sent() throws Exception {
        start(FaultPlan.none());
        for (int i = 0; i < 5; i++) {
            ask("request " + i);
        }
        assertEquals(5, server.requestCount());
        assertEquals(5, server.requestTimes().size());
        assertEquals(5, server.maxRequestsInWindow(Duration.ofMinutes(1)));
        assertEquals(1, server.maxRequestsInWindow(Duration.ofNanos(1)));
        assertEquals(Set.of("Bearer " + KEY), server.headerValues("Authorization"));
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + KEY).equals(r.header("authorization"))));
        FakeChatServer.Received first = server.requests().get(0);
        assertEquals(1, first.number());
        assertEquals("/v1/chat/completions", first.path());
        assertEquals(prompt("request 0"), first.prompt());
        assertEquals(1, first.attempt());
        assertEquals(200, first.status());
        server.clearObservations();
        assertEquals(0, server.requestCount());
        assertEquals(0, server.maxAttempts());
    }

    @Test
    void slots_and_latency_bound_the_capacity_and_requests_beyond_the_slots_queue() throws Exception {
        int slots = 4;
        Duration latency = Duration.ofMillis(100);
        server = FakeChatServer.builder().apiKey(KEY).answerer(SENTIMENT).latency(latency).slots(slots).start();
        double capacity = slots / (latency.toNanos() / 1e9); // 40 requests per second
        int total = 40;
        HttpRequest.Builder base = HttpRequest.newBuilder(server.chatUri()).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json");
        // warm up the connections so that connecting is not counted
        List<CompletableFuture<HttpResponse<String>>> warm = IntStream.range(0, 12).mapToObj(i -> client.sendAsync(
                base.POST(HttpRequest.BodyPublishers.ofString(request("warm " + i, false))).build(),
                HttpResponse.BodyHandlers.ofString())).toList();
        warm.forEach(CompletableFuture::join);
        server.clearObservations();

        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, total).mapToObj(i -> client.sendAsync(
                base.POST(HttpRequest.BodyPublishers.ofString(request("bench " + i, false))).build(),
                HttpResponse.BodyHandlers.ofString())).toList();
        futures.forEach(f -> assertEquals(200, f.join().statusCode()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double achieved = total / seconds;

        assertEquals(slots, server.maxInService(), "never more answers in service than slots");
        assertTrue(server.maxInFlight() > slots, "requests beyond the slots queued: " + server.maxInFlight());
        assertTrue(achieved <= capacity * 1.05, "achieved " + achieved + " above capacity " + capacity);
        System.out.printf("slots %d, latency %s: %.1f requests/s, %.2f of capacity%n", slots, latency, achieved,
                achieved / capacity);
        assertTrue(achieved >= capacity * 0.6, "achieved " + achieved + " far below capacity " + capacity);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asInt()));
        return list;
    }
}
