package io.sparkdistill.teacher.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Calls an OpenAI-compatible chat-completions endpoint the way a nightly batch job must: within the rate limits,
 * with at most {@code maxInFlight} requests on the wire, each attempt under the configured timeout, failed attempts
 * classified ({@link ErrorClassifier}) and retried per the {@link RetryPolicy}. A call that still fails is returned
 * as a {@link ChatResult} carrying the failure, not thrown, so the pipeline can write it to {@code failed/}.
 * <p>
 * Thread-safe: one client per executor JVM, shared by its tasks. The key is read from the environment or file on
 * every call (a rotated key file is picked up) and is never part of a result or message.
 */
public final class ChatCompletionsClient {
    private final EndpointConfig endpoint;
    private final RetryPolicy retryPolicy;
    private final RateLimiter rateLimiter;
    private final UnaryOperator<String> environment;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ChatResponseParser parser = new ChatResponseParser(mapper);
    private final ChatStreamAssembler streamAssembler = new ChatStreamAssembler(mapper);
    private final ErrorClassifier classifier;
    private final Semaphore inFlight;
    private final HttpClient http;

    /**
     * @param environment environment-variable lookup for the key ({@code System::getenv} in production)
     * @param sleeper     how backoff waits ({@link Sleeper#system()} in production)
     * @param random      jitter source; must be thread-safe, as the client is shared ({@link java.util.Random} is)
     * @param clock       wall clock, to read {@code Retry-After} dates
     */
    public ChatCompletionsClient(EndpointConfig endpoint, RetryPolicy retryPolicy, RateLimiter rateLimiter,
                                 UnaryOperator<String> environment, Sleeper sleeper, RandomGenerator random,
                                 Clock clock) {
        this.endpoint = endpoint;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.environment = environment;
        this.sleeper = sleeper;
        this.random = random;
        this.classifier = new ErrorClassifier(mapper, clock);
        this.inFlight = new Semaphore(endpoint.maxInFlight(), true);
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).version(httpVersion(endpoint)).build();
    }

    /** A client with the process environment, real sleeps, and the system clock. */
    public static ChatCompletionsClient create(EndpointConfig endpoint, RetryPolicy retryPolicy,
                                               RateLimiter rateLimiter) {
        return new ChatCompletionsClient(endpoint, retryPolicy, rateLimiter, System::getenv, Sleeper.system(),
                new Random(), Clock.systemUTC());
    }

    /**
     * Sends the request, retrying what may succeed on a second try, and returns the completion or the failure.
     *
     * @throws TeacherCallException only of kind {@link TeacherCallException.Kind#INTERRUPTED}, with the thread's
     *                              interrupt flag restored: the task is being killed and nothing should be recorded
     */
    public ChatResult complete(ChatRequest request) {
        long start = System.nanoTime();
        Optional<Secret> key;
        try {
            key = endpoint.apiKey(environment);
        } catch (TeacherCallException e) {
            return ChatResult.failed(ChatResult.Failure.of(e), 0, since(start));
        }
        byte[] body = serialise(request);
        int attempts = 0;
        while (true) {
            attempts++;
            TeacherCallException error;
            try {
                ChatResponse response = attempt(request, body, key);
                return ChatResult.succeeded(response, attempts, since(start));
            } catch (TeacherCallException e) {
                error = e;
            } catch (InterruptedException e) {
                throw interrupted(attempts);
            }
            if (!retryPolicy.shouldRetry(attempts, error)) {
                return ChatResult.failed(ChatResult.Failure.of(error), attempts, since(start));
            }
            if (!retryPolicy.pause(retryPolicy.delayBefore(attempts + 1, error, random), sleeper)) {
                throw interrupted(attempts);
            }
        }
    }

    /** One HTTP attempt: wait for the rate limit and a free slot, send, read. */
    private ChatResponse attempt(ChatRequest request, byte[] body, Optional<Secret> key) throws InterruptedException {
        rateLimiter.acquire(request.estimatedTokens());
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.chatCompletionsUri())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        endpoint.applyHeaders(builder, key);
        HttpResponse<String> response;
        inFlight.acquire();
        try {
            response = sendWithinTimeout(builder.build());
        } finally {
            inFlight.release();
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw classifier.fromResponse(status, response.headers(), response.body(), key);
        }
        String contentType = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        try {
            ChatResponse completion = contentType.startsWith("text/event-stream")
                    ? streamAssembler.assemble(response.body(), status)
                    : parser.parse(response.body(), status);
            ErrorClassifier.fromFinishReasons(completion, status).ifPresent(cutShort -> {
                throw cutShort;
            });
            return completion;
        } catch (TeacherCallException e) {
            // an error inside a 2xx body carries the server's text, which could echo the key
            throw key.map(e::redacted).orElse(e);
        }
    }

    /**
     * Sends and reads the whole body within the endpoint's timeout. The request's own timeout stops at the response
     * headers; a server that sends headers and then trickles (or stalls) the body would otherwise hold a slot forever.
     */
    private HttpResponse<String> sendWithinTimeout(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return call.get(endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw ErrorClassifier.fromTransport(new HttpTimeoutException("no complete response within "
                    + endpoint.timeout()));
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw ErrorClassifier.fromTransport(io);
            }
            throw new IllegalStateException("HTTP client failed unexpectedly", e.getCause());
        }
    }

    /**
     * HTTP/2 over TLS, where ALPN negotiates it; HTTP/1.1 in clear text, because the JDK's h2c upgrade request
     * confuses some local servers (uvicorn under vLLM, proxies) and buys nothing on a LAN.
     */
    private static HttpClient.Version httpVersion(EndpointConfig endpoint) {
        return endpoint.baseUrl().startsWith("https://") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }

    private byte[] serialise(ChatRequest request) {
        try {
            return mapper.writeValueAsBytes(request.toJson(mapper, endpoint.bodyModel()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory could not be written", e);
        }
    }

    private static TeacherCallException interrupted(int attempts) {
        Thread.currentThread().interrupt();
        return new TeacherCallException(TeacherCallException.Kind.INTERRUPTED, 0,
                "teacher call interrupted during attempt " + attempts, null, null, null);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
