package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.api.ChatCompletionsClient;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.RateLimiter;
import io.sparkdistill.teacher.api.RetryPolicy;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One API client per executor JVM and endpoint, so that every partition running in that JVM shares its connection
 * pool, its bound on requests in flight and its share of the job's rate limits.
 */
final class ApiClients {
    private static final Map<Settings, ChatCompletionsClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<Settings, Semaphore> ANSWER_SLOTS = new ConcurrentHashMap<>();

    private ApiClients() {
    }

    /**
     * What makes a client: the endpoint, attempts per example, and this executor's share of the job's limits
     * (null for no limit).
     */
    record Settings(EndpointConfig endpoint, int maxAttempts, Integer requestsPerMinute, Integer tokensPerMinute)
            implements Serializable {
    }

    static ChatCompletionsClient shared(Settings settings) {
        return CLIENTS.computeIfAbsent(settings, s -> ChatCompletionsClient.create(s.endpoint(),
                new RetryPolicy(s.maxAttempts(), Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2),
                RateLimiter.perMinute(s.requestsPerMinute(), s.tokensPerMinute())));
    }

    /**
     * The JVM's {@code max_in_flight} slots for calls between their request and the journal line of their answer.
     * The client's own bound frees a slot as soon as the response arrives; every task slot's partition has its own
     * call threads, so without this one, answers paid but still waiting for the journal's flush could add up to
     * {@code max_in_flight} per running task, all of them lost to a kill.
     */
    static Semaphore answerSlots(Settings settings) {
        return ANSWER_SLOTS.computeIfAbsent(settings, s -> new Semaphore(s.endpoint().maxInFlight(), true));
    }
}
