package io.sparkdistill.jobs.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic OpenAI-compatible chat-completions server on 127.0.0.1 (a free port) for end-to-end tests of the
 * generate stage: answers come from an {@link Answerer}, misbehaviour from a {@link FaultPlan}, and everything it got
 * is recorded for assertions (thread-safe).
 *
 * <p>It serves {@code POST /v1/chat/completions}, {@code POST /chat/completions} and Azure's
 * {@code POST /openai/deployments/{d}/chat/completions?api-version=...}. With an API key configured, a request must
 * carry {@code Authorization: Bearer <key>} or {@code api-key: <key>}, or gets OpenAI's 401 body (the key is never
 * echoed). With {@code latency} and {@code slots}, each answer holds one of {@code slots} service slots for
 * {@code latency} (requests beyond the slots queue), so the capacity is {@code slots / latency}.
 *
 * <pre>{@code
 * try (FakeChatServer server = FakeChatServer.builder()
 *         .apiKey("sk-test")
 *         .answerer(new LabelAnswerer(List.of("positive", "negative"), Map.of("great", "positive"), "negative"))
 *         .faults(FaultPlan.builder().share(0.1, Fault.rateLimited(), 1).share(0.05, Fault.serverError(), FaultPlan.ALWAYS).build())
 *         .start()) {
 *     // point the teacher client at server.baseUrl() ("http://127.0.0.1:<port>/v1"), run, then assert on
 *     // server.requestCount(), server.maxAttempts(), server.maxRequestsInWindow(Duration.ofMinutes(1)), ...
 * }
 * }</pre>
 */
public final class FakeChatServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every request on a kept-alive connection costs ~40 ms. Read when the server implementation class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The 401 body, exactly as OpenAI sends it (without the key). */
    public static final String INVALID_KEY_BODY = "{\"error\": {\"message\": \"Incorrect API key provided\", "
            + "\"type\": \"invalid_request_error\", \"param\": null, \"code\": \"invalid_api_key\"}}";

    /** The {@code created} timestamp of every answer (fixed, so answers are reproducible). */
    public static final long CREATED = 1_700_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AZURE = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    /** A request as the server saw it. {@code prompt} and {@code attempt} are set once its body parsed. */
    public static final class Received {
        private final long number;
        private final String method;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers;
        private final String body;
        private final Duration at;
        private volatile String prompt;
        private volatile int attempt;
        private volatile int status = -1;

        private Received(long number, String method, String path, String query, Map<String, List<String>> headers,
                         String body, Duration at) {
            this.number = number;
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
            this.at = at;
        }

        /** 1-based, in order of arrival. */
        public long number() {
            return number;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        /** The raw query string, or null. */
        public String query() {
            return query;
        }

        /** Header names are case-insensitive. */
        public Map<String, List<String>> headers() {
            return headers;
        }

        /** The first value of a header (case-insensitive name), or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String body() {
            return body;
        }

        /** When it arrived, from the server's start. */
        public Duration at() {
            return at;
        }

        /** The prompt key ({@link FakeChatServer#promptKey}), or null when the body was not a chat request. */
        public String prompt() {
            return prompt;
        }

        /** Which attempt of its prompt this was (1-based), or 0 when it had no prompt. */
        public int attempt() {
            return attempt;
        }

        /** The status answered; 0 for a connection reset, -1 while still in progress. */
        public int status() {
            return status;
        }
    }

    private static final class Reset extends RuntimeException {
        Reset() {
            super("injected connection reset", null, false, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final Answerer answerer;
    private final FaultPlan faults;
    private final Duration latency;
    private final Semaphore slots;
    private final long startNanos = System.nanoTime();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger inService = new AtomicInteger();
    private final AtomicInteger maxInService = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Received> log = new ConcurrentLinkedQueue<>();

    private FakeChatServer(Builder b) throws IOException {
        this.apiKey = b.apiKey;
        this.answerer = b.answerer;
        this.faults = b.faults;
        this.latency = b.latency;
        this.slots = b.slots > 0 ? new Semaphore(b.slots, true) : null;
        int threads = b.threads > 0 ? b.threads : Math.max(32, b.slots + 16);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-chat-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server requiring {@code apiKey} (null: no auth) and answering with {@code answerer}, without faults. */
    public static FakeChatServer start(String apiKey, Answerer answerer) throws IOException {
        return builder().apiKey(apiKey).answerer(answerer).start();
    }

    public static final class Builder {
        private String apiKey;
        private Answerer answerer = Answerer.fixed("OK");
        private FaultPlan faults = FaultPlan.none();
        private Duration latency = Duration.ZERO;
        private int slots;
        private int threads;

        private Builder() {
        }

        /** The key requests must carry; null (the default) accepts any request. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder answerer(Answerer answerer) {
            this.answerer = Objects.requireNonNull(answerer);
            return this;
        }

        public Builder faults(FaultPlan faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /** The service time of every answer (zero unless told). */
        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        /** How many answers are served at once; the rest queue (0, the default: no limit). */
        public Builder slots(int slots) {
            this.slots = slots;
            return this;
        }

        /** Handler threads (default max(32, slots + 16)); requests beyond them wait in the server. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public FakeChatServer start() throws IOException {
            return new FakeChatServer(this);
        }
    }

    // ---------------------------------------------------------------- addresses

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>/v1}, the base URL an OpenAI client expects. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The full chat-completions URI. */
    public URI chatUri() {
        return URI.create(baseUrl() + "/chat/completions");
    }

    /** The Azure OpenAI chat-completions URI of a deployment. */
    public URI azureChatUri(String deployment, String apiVersion) {
        return URI.create(rootUrl() + "/openai/deployments/" + deployment + "/chat/completions?api-version="
                + apiVersion);
    }

    // ---------------------------------------------------------------- observations

    /** Requests received, whatever their outcome. */
    public long requestCount() {
        return requests.get();
    }

    /** Every request so far, in order of arrival. */
    public List<Received> requests() {
        List<Received> all = new ArrayList<>(log);
        all.sort(Comparator.comparingLong(Received::number));
        return all;
    }

    /** Arrival times of all requests from the server's start, in order. */
    public List<Duration> requestTimes() {
        return requests().stream().map(Received::at).sorted().toList();
    }

    /** The most requests that arrived within any window of length {@code window} (sliding, half-open). */
    public int maxRequestsInWindow(Duration window) {
        List<Duration> times = requestTimes();
        int best = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to).minus(times.get(from)).compareTo(window) >= 0) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    /** Attempts of one prompt (its exact {@link #promptKey}). */
    public int attempts(String prompt) {
        AtomicInteger n = attempts.get(prompt);
        return n == null ? 0 : n.get();
    }

    /** Attempts of all prompts containing {@code text} (e.g. an example's text), added up. */
    public int attemptsContaining(String text) {
        return attempts.entrySet().stream().filter(e -> e.getKey().contains(text))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Attempts by prompt key. */
    public Map<String, Integer> attemptsByPrompt() {
        Map<String, Integer> copy = new TreeMap<>();
        attempts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The most attempts any one prompt got. */
    public int maxAttempts() {
        return attempts.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** How many distinct prompts were asked. */
    public int distinctPrompts() {
        return attempts.size();
    }

    /** Requests being handled right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests handled at once (including those queued for a slot). */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most answers in service at once (holding a slot, or in their latency when there are no slots). */
    public int maxInService() {
        return maxInService.get();
    }

    /** Every distinct value of a header (case-insensitive name) seen on any request. */
    public Set<String> headerValues(String name) {
        Set<String> values = new LinkedHashSet<>();
        for (Received r : requests()) {
            List<String> v = r.headers().get(name);
            if (v != null) {
                values.addAll(v);
            }
        }
        return values;
    }

    /** How many responses had each status (0: connection reset). */
    public Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Received r : requests()) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** Forgets all observations (request counter, attempts, log, maxima); faults by attempt start again. */
    public void clearObservations() {
        log.clear();
        attempts.clear();
        requests.set(0);
        maxInFlight.set(inFlight.get());
        maxInService.set(inService.get());
    }

    /**
     * The key the server counts attempts and selects faults by: the messages as {@code "role: content"} lines.
     */
    public static String promptKey(List<Answerer.Message> messages) {
        StringBuilder key = new StringBuilder();
        for (Answerer.Message m : messages) {
            if (key.length() > 0) {
                key.append('\n');
            }
            key.append(m.role()).append(": ").append(m.content());
        }
        return key.toString();
    }

    /** Token count of a text as this server reports it: words / 0.75, rounded. */
    public static int tokens(String text) {
        return (int) Math.round(words(text) / 0.75);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- handling

    private void handle(HttpExchange ex) throws IOException {
        Duration at = Duration.ofNanos(System.nanoTime() - startNanos);
        raise(maxInFlight, inFlight.incrementAndGet());
        Received r = null;
        boolean reset = false;
        try {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            r = new Received(requests.incrementAndGet(), ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), body, at);
            log.add(r);
            respond(ex, r);
        } catch (Reset e) {
            reset = true;
            if (r != null) {
                r.status = 0;
            }
            throw e; // the JDK server closes the connection without answering
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reset = true;
            throw new Reset();
        } finally {
            inFlight.decrementAndGet();
            if (!reset) {
                ex.close();
            }
        }
    }

    private void respond(HttpExchange ex, Received r) throws IOException, InterruptedException {
        String path = r.path();
        Matcher azure = AZURE.matcher(path);
        String deployment = null;
        if (azure.matches()) {
            deployment = azure.group(1);
            if (r.query() == null || !r.query().contains("api-version=")) {
                send(ex, r, 404, error("Resource not found", "invalid_request_error", "404"), Map.of());
                return;
            }
        } else if (!path.equals("/v1/chat/completions") && !path.equals("/chat/completions")) {
            send(ex, r, 404, error("Invalid URL (" + r.method() + " " + path + ")", "invalid_request_error", null),
                    Map.of());
            return;
        }
        if (!"POST".equals(r.method())) {
            send(ex, r, 405, error("Method not allowed", "invalid_request_error", null), Map.of());
            return;
        }
        JsonNode request;
        List<Answerer.Message> messages;
        try {
            request = JSON.readTree(r.body());
            messages = messages(request);
        } catch (IOException | IllegalArgumentException e) {
            send(ex, r, 400, error("We could not parse the JSON body of your request.", "invalid_request_error",
                    null), Map.of());
            return;
        }
        String prompt = promptKey(messages);
        r.prompt = prompt;
        r.attempt = attempts.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();

        if (apiKey != null && !authorised(r)) {
            send(ex, r, 401, INVALID_KEY_BODY, Map.of());
            return;
        }

        Optional<Fault> fault = faults.faultFor(prompt, r.attempt, r.number());
        Fault.Kind kind = fault.map(Fault::kind).orElse(null);
        if (kind != null) {
            switch (kind) {
                case RATE_LIMITED -> {
                    Map<String, String> h = new LinkedHashMap<>();
                    h.put("Retry-After", Integer.toString(fault.get().retryAfterSeconds()));
                    h.put("x-ratelimit-limit-requests", "60");
                    h.put("x-ratelimit-remaining-requests", "0");
                    h.put("x-ratelimit-reset-requests", fault.get().retryAfterSeconds() + "s");
                    h.put("x-ratelimit-limit-tokens", "150000");
                    h.put("x-ratelimit-remaining-tokens", "0");
                    h.put("x-ratelimit-reset-tokens", fault.get().retryAfterSeconds() + "s");
                    send(ex, r, 429, error("Rate limit reached for requests. Please try again in "
                            + fault.get().retryAfterSeconds() + "s.", "requests", "rate_limit_exceeded"), h);
                    return;
                }
                case SERVER_ERROR -> {
                    send(ex, r, 500, error("The server had an error while processing your request. Sorry about that!",
                            "server_error", null), Map.of());
                    return;
                }
                case UNAVAILABLE -> {
                    send(ex, r, 503, error("The engine is currently overloaded, please try again later.",
                            "server_error", null), Map.of());
                    return;
                }
                case CONNECTION_RESET -> throw new Reset();
                case SLOW -> Thread.sleep(fault.get().delay().toMillis());
                default -> {
                }
            }
        }

        String model = deployment;
        String body = serve(() -> completion(request, messages, model, prompt, kind == Fault.Kind.TRUNCATED));
        if (kind == Fault.Kind.MALFORMED_JSON) {
            body = body.substring(0, body.length() / 2);
        } else if (kind == Fault.Kind.STREAM_CUT) {
            byte[] events = streamStart(body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            r.status = 0;
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(events);
            out.flush();
            throw new Reset();
        } else if (kind == Fault.Kind.CONNECTION_RESET_MID_BODY) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            r.status = 0;
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new Reset();
        }
        send(ex, r, 200, body, Map.of());
    }

    private interface Work {
        String get() throws IOException;
    }

    /** Runs {@code work} within a service slot and the configured latency. */
    private String serve(Work work) throws IOException, InterruptedException {
        if (slots != null) {
            slots.acquire();
        }
        try {
            raise(maxInService, inService.incrementAndGet());
            try {
                if (!latency.isZero()) {
                    Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
                }
                return work.get();
            } finally {
                inService.decrementAndGet();
            }
        } finally {
            if (slots != null) {
                slots.release();
            }
        }
    }

    private boolean authorised(Received r) {
        String bearer = r.header("Authorization");
        String apiKeyHeader = r.header("api-key");
        return (bearer != null && same(bearer, "Bearer " + apiKey))
                || (apiKeyHeader != null && same(apiKeyHeader, apiKey));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private String completion(JsonNode request, List<Answerer.Message> messages, String deployment, String prompt,
                              boolean truncate) throws IOException {
        boolean logprobs = request.path("logprobs").asBoolean(false);
        int topLogprobs = Math.max(0, Math.min(20, request.path("top_logprobs").asInt(0)));
        int n = Math.max(1, request.path("n").asInt(1));
        String model = request.path("model").asText("");
        if (model.isEmpty()) {
            model = deployment != null ? deployment : "fake-model";
        }

        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + hash(prompt).substring(0, 24));
        root.put("object", "chat.completion");
        root.put("created", CREATED);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        int completionTokens = 0;
        for (int i = 0; i < n; i++) {
            Answerer.Answer answer = answerer.answer(messages, i);
            String text = answer.text();
            Map<String, Double> first = answer.firstToken();
            String finish = "stop";
            if (truncate) {
                text = cut(text);
                finish = "length";
            }
            JsonNode maxTokensNode = request.has("max_completion_tokens") ? request.get("max_completion_tokens")
                    : request.get("max_tokens");
            if (maxTokensNode != null && maxTokensNode.isNumber() && tokens(text) > maxTokensNode.asInt()) {
                text = limit(text, maxTokensNode.asInt());
                finish = "length";
            }
            completionTokens += tokens(text);
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            if (logprobs) {
                choice.set("logprobs", logprobs(text, first, topLogprobs));
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", finish);
        }
        int promptTokens = 0;
        for (Answerer.Message m : messages) {
            promptTokens += tokens(m.content());
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        root.put("system_fingerprint", "fp_fakechat");
        return JSON.writeValueAsString(root);
    }

    /**
     * The first events of the answer {@code completion} as a stream: a chunk with the role, then one chunk with the
     * first half of the content; no finish chunk, no {@code [DONE]}.
     */
    private static String streamStart(String completion) throws IOException {
        JsonNode whole = JSON.readTree(completion);
        String content = whole.path("choices").path(0).path("message").path("content").asText("");
        StringBuilder events = new StringBuilder();
        for (ObjectNode delta : List.of(JSON.createObjectNode().put("role", "assistant").put("content", ""),
                JSON.createObjectNode().put("content", content.substring(0, content.length() / 2)))) {
            ObjectNode chunk = JSON.createObjectNode();
            chunk.put("id", whole.path("id").asText());
            chunk.put("object", "chat.completion.chunk");
            chunk.put("created", CREATED);
            chunk.put("model", whole.path("model").asText());
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            choice.putNull("finish_reason");
            events.append("data: ").append(JSON.writeValueAsString(chunk)).append("\n\n");
        }
        return events.toString();
    }

    private static ObjectNode logprobs(String text, Map<String, Double> first, int top) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode content = node.putArray("content");
        String rest = text;
        if (first != null) {
            String token = first.keySet().stream().filter(t -> !t.isEmpty() && text.startsWith(t))
                    .max(Comparator.comparingInt(String::length)).orElse(null);
            if (token != null) {
                ObjectNode t = token(content, token, first.get(token));
                ArrayNode alternatives = t.putArray("top_logprobs");
                first.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(top)
                        .forEach(e -> {
                            ObjectNode a = alternatives.addObject();
                            a.put("token", e.getKey());
                            a.put("logprob", e.getValue());
                            bytes(a, e.getKey());
                        });
                rest = text.substring(token.length());
            }
        }
        Matcher words = WORD.matcher(rest);
        while (words.find()) {
            String token = words.group();
            double logprob = -0.01 * (1 + Math.floorMod(token.hashCode(), 30));
            ObjectNode t = token(content, token, logprob);
            ArrayNode alternatives = t.putArray("top_logprobs");
            for (int i = 0; i < top; i++) {
                ObjectNode a = alternatives.addObject();
                String alt = i == 0 ? token : token + "_" + i;
                a.put("token", alt);
                a.put("logprob", i == 0 ? logprob : -3.0 - i);
                bytes(a, alt);
            }
        }
        node.putArray("refusal");
        return node;
    }

    private static ObjectNode token(ArrayNode content, String token, double logprob) {
        ObjectNode t = content.addObject();
        t.put("token", token);
        t.put("logprob", logprob);
        bytes(t, token);
        return t;
    }

    private static void bytes(ObjectNode node, String token) {
        ArrayNode bytes = node.putArray("bytes");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
    }

    /** The text cut short: the first half of its words, or of its characters when it is one word. */
    static String cut(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        if (words.size() > 1) {
            return String.join("", words.subList(0, words.size() / 2)).strip();
        }
        String t = text.strip();
        return t.length() > 1 ? t.substring(0, t.length() / 2) : "";
    }

    /** The longest leading run of words within {@code maxTokens} tokens. */
    private static String limit(String text, int maxTokens) {
        Matcher m = WORD.matcher(text);
        StringBuilder kept = new StringBuilder();
        int words = 0;
        while (m.find() && Math.round((words + 1) / 0.75) <= maxTokens) {
            kept.append(m.group());
            words++;
        }
        return kept.toString().strip();
    }

    private static int words(String text) {
        Matcher m = WORD.matcher(text == null ? "" : text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<Answerer.Message> messages(JsonNode request) {
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages");
        }
        List<Answerer.Message> list = new ArrayList<>();
        for (JsonNode m : messages) {
            JsonNode content = m.get("content");
            String text;
            if (content == null || content.isNull()) {
                text = "";
            } else if (content.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.has("text")) {
                        joined.append(part.get("text").asText());
                    }
                }
                text = joined.toString();
            } else {
                text = content.asText();
            }
            list.add(new Answerer.Message(m.path("role").asText("user"), text));
        }
        return list;
    }

    private static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root.toString();
    }

    private void send(HttpExchange ex, Received r, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("x-request-id", "req_" + r.number());
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        r.status = status;
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client went away (e.g. timed out on a slow answer): nothing to do
        }
    }

    private static void raise(AtomicInteger max, int value) {
        max.accumulateAndGet(value, Math::max);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
