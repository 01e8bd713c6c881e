package io.sparkdistill.teacher.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @TempDir
    Path dir;

    /** The largest total weight admitted in any window of one minute starting at an admission. */
    private static long busiestMinute(List<Long> times, List<Integer> weights) {
        long busiest = 0;
        for (int i = 0; i < times.size(); i++) {
            long sum = 0;
            for (int j = i; j < times.size() && times.get(j) - times.get(i) < MINUTE; j++) {
                sum += weights.get(j);
            }
            busiest = Math.max(busiest, sum);
        }
        return busiest;
    }

    @Test
    void noMinuteEverSeesMoreRequestsThanTheLimitYetTheLimitIsNearlyReached() throws Exception {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(60, null, time::nanoTime, time.sleeper());
        List<Long> admitted = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            limiter.acquire(0);
            admitted.add(time.nanoTime());
        }
        long busiest = busiestMinute(admitted, Collections.nCopies(admitted.size(), 1));
        // The limiter keeps 1% (at least one request) in hand for requests that reach the provider late.
        assertTrue(busiest <= 60 && busiest >= 58, "busiest minute " + busiest);
        double perMinute = 600.0 / time.sinceStart().toNanos() * MINUTE;
        assertTrue(perMinute > 0.95 * 60 && perMinute <= 60, "sustained rate " + perMinute + " per minute");
    }

    @Test
    void noMinuteEverSeesMoreTokensThanTheLimit() throws Exception {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(null, 6000, time::nanoTime, time.sleeper());
        List<Long> admitted = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int t = 20 + (i * 37) % 80;
            limiter.acquire(t);
            admitted.add(time.nanoTime());
            tokens.add(t);
        }
        assertTrue(busiestMinute(admitted, tokens) <= 6000, "busiest minute " + busiestMinute(admitted, tokens));
    }

    @Test
    void aCallLargerThanTheBurstWaitsForAFullBucketAndMakesTheNextCallWaitForItsDebt() throws Exception {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(null, 6000, time::nanoTime, time.sleeper());
        limiter.acquire(500);
        assertEquals(Duration.ZERO, time.sinceStart(), "a full bucket admits an oversize call at once");
        limiter.acquire(1);
        // burst 100, refill 6000 - 100 - 1% = 5840 per minute: 401 tokens of debt and need take 401 / 5840 of a minute
        long expected = Math.round(401.0 / 5840 * MINUTE);
        assertEquals(expected, time.sinceStart().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void aCallWaitsForTheStricterOfTheTwoLimits() throws Exception {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(120, 1_000_000, time::nanoTime, time.sleeper());
        limiter.acquire(10);
        limiter.acquire(10);
        limiter.acquire(10);
        // requests: burst 2, refill 120 - 2 - 1.2 = 116.8 per minute; tokens are plentiful
        assertEquals(Math.round(MINUTE / 116.8), time.sinceStart().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void anInterruptedWaitChargesNothing() throws Exception {
        FakeTime time = new FakeTime();
        boolean[] interrupt = {true};
        RateLimiter limiter = new RateLimiter(60, null, time::nanoTime, d -> {
            if (interrupt[0]) {
                throw new InterruptedException();
            }
            time.sleeper().sleep(d);
        });
        limiter.acquire(0);
        assertThrows(InterruptedException.class, () -> limiter.acquire(0));
        interrupt[0] = false;
        limiter.acquire(0);
        // burst 1, refill 60 - 1 - 1 = 58 per minute
        assertEquals(MINUTE / 58, time.sinceStart().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void limitsBelowTwoAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateLimiter.perMinute(1, null));
        assertTrue(e.getMessage().contains("requestsPerMinute") && e.getMessage().contains("1"), e.getMessage());
    }

    @Test
    void theClientNeverSendsMoreThanTheConfiguredRequestsPerMinuteToTheServer() throws Exception {
        FakeTime time = new FakeTime();
        String ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
        try (LoopbackServer server = new LoopbackServer(time::nanoTime, LoopbackServer.Reply.json(200, ok))) {
            RateLimiter limiter = new RateLimiter(12, null, time::nanoTime, time.sleeper());
            ChatCompletionsClient client = new ChatCompletionsClient(
                    TestClients.openAi(server, dir, Duration.ofSeconds(5), 1), TestClients.FAST_RETRIES, limiter,
                    name -> null, time.sleeper(), RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC());
            for (int i = 0; i < 40; i++) {
                assertTrue(client.complete(TestClients.hello()).succeeded());
            }
            List<Long> arrivals = server.received().stream().map(LoopbackServer.Received::at).toList();
            assertEquals(40, arrivals.size());
            long busiest = busiestMinute(arrivals, Collections.nCopies(40, 1));
            assertTrue(busiest <= 12 && busiest >= 10, "busiest minute " + busiest);
        }
    }
}
