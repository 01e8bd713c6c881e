package io.sparkdistill.teacher.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Client-side limits in requests per minute and tokens per minute, so that a job stays under its provider quota
 * instead of learning it from 429s. Each limit is a token bucket that refills continuously and holds at most one
 * second's share (the burst), which is how providers enforce their per-minute limits in practice.
 * <p>
 * <b>Guarantee:</b> the bucket refills at {@code limit - burst} per minute, so in any window of one minute at most
 * {@code limit} requests (or tokens) are admitted: the burst plus the refill. A single call estimated above the
 * tokens burst is admitted once the bucket is full and leaves it in debt, so later calls wait for it.
 * <p>
 * <b>Spark:</b> a limiter lives in one executor JVM. The job gives each executor its share of the global limit
 * (the global limit divided by the number of executors), so that all executors together stay under it.
 * One limiter is shared by all threads of its executor; waiting callers are served in arrival order.
 */
public final class RateLimiter {
    private final Bucket requests;
    private final Bucket tokens;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock(true);

    /**
     * @param requestsPerMinute null for no request limit, else at least 2
     * @param tokensPerMinute   null for no token limit, else at least 2
     * @param nanoTime          monotonic clock ({@code System::nanoTime})
     * @param sleeper           how to wait ({@link Sleeper#system()})
     */
    public RateLimiter(Integer requestsPerMinute, Integer tokensPerMinute, LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        long now = nanoTime.getAsLong();
        this.requests = requestsPerMinute == null ? null : new Bucket("requestsPerMinute", requestsPerMinute, now);
        this.tokens = tokensPerMinute == null ? null : new Bucket("tokensPerMinute", tokensPerMinute, now);
    }

    /** A limiter on the system clock. */
    public static RateLimiter perMinute(Integer requestsPerMinute, Integer tokensPerMinute) {
        return new RateLimiter(requestsPerMinute, tokensPerMinute, System::nanoTime, Sleeper.system());
    }

    /** No limit at all (a local vLLM or Ollama). */
    public static RateLimiter unlimited() {
        return perMinute(null, null);
    }

    /**
     * Blocks until one request of about {@code estimatedTokens} tokens fits both limits, then charges it.
     *
     * @throws InterruptedException when interrupted while waiting; nothing has been charged
     */
    public void acquire(int estimatedTokens) throws InterruptedException {
        if (estimatedTokens < 0) {
            throw new IllegalArgumentException("estimatedTokens must not be negative, got " + estimatedTokens);
        }
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = nanoTime.getAsLong();
                long wait = Math.max(waitNanos(requests, 1, now), waitNanos(tokens, estimatedTokens, now));
                if (wait == 0) {
                    take(requests, 1);
                    take(tokens, estimatedTokens);
                    return;
                }
                sleeper.sleep(Duration.ofNanos(wait));
            }
        } finally {
            lock.unlock();
        }
    }

    private static long waitNanos(Bucket bucket, int amount, long now) {
        return bucket == null ? 0 : bucket.waitNanos(amount, now);
    }

    private static void take(Bucket bucket, int amount) {
        if (bucket != null) {
            bucket.level -= amount;
        }
    }

    /** One limit: a level refilled continuously up to the burst. */
    private static final class Bucket {
        private final double burst;
        private final double perNano;
        private double level;
        private long lastRefill;

        Bucket(String name, int perMinute, long now) {
            if (perMinute < 2) {
                throw new IllegalArgumentException(name + " must be at least 2 (or unset for no limit), got "
                        + perMinute);
            }
            this.burst = Math.max(1, perMinute / 60);
            // 1% is kept in hand: a request reaches the provider a little after it was let through here, and the
            // provider counts arrivals, so a budget spent to the last request could show one too many in its window.
            double margin = Math.max(1, perMinute / 100.0);
            this.perNano = (perMinute - burst - margin) / (double) TimeUnit.MINUTES.toNanos(1);
            this.level = burst;
            this.lastRefill = now;
        }

        /** Nanoseconds until {@code amount} can be taken, 0 when it can be now. */
        long waitNanos(int amount, long now) {
            level = Math.min(burst, level + (now - lastRefill) * perNano);
            lastRefill = now;
            double needed = Math.min(amount, burst) - level;
            return needed <= 0 ? 0 : Math.max(1, (long) Math.ceil(needed / perNano));
        }
    }
}
