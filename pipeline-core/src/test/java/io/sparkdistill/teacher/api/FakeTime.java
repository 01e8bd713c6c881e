package io.sparkdistill.teacher.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that moves only when something sleeps on it: rate-limit tests of minutes run in milliseconds. */
final class FakeTime {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    long nanoTime() {
        return nanos.get();
    }

    Sleeper sleeper() {
        return d -> nanos.addAndGet(d.toNanos());
    }

    Duration sinceStart() {
        return Duration.ofNanos(nanos.get() - 1_000_000_000L);
    }
}
