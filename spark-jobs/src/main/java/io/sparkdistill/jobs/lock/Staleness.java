package io.sparkdistill.jobs.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a lock's holder is gone, and why. On this host its process can be looked up; on another host only the
 * lock's last refresh says anything, so there the rule is age.
 */
final class Staleness {

    private Staleness() {
    }

    /** Why {@code holder} (empty: unreadable) of a lock last refreshed {@code age} ago is gone; empty while alive. */
    static Optional<String> goneBecause(Optional<LockHolder> holder, Duration age, Duration staleAfter) {
        if (holder.isPresent() && holder.get().host().equals(LockHolder.thisHost())) {
            return processGone(holder.get());
        }
        if (age.compareTo(staleAfter) > 0) {
            return Optional.of("no heartbeat for " + age.toMinutes() + " minutes (a holder on another host, or an "
                    + "unreadable lock, counts as gone after " + staleAfter.toMinutes() + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> processGone(LockHolder holder) {
        Optional<ProcessHandle> process = ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of("its process " + holder.pid() + " is no longer running on this host");
        }
        Optional<String> started = LockHolder.startOf(process.get());
        if (holder.pidStartedAt() != null && started.isPresent() && !started.get().equals(holder.pidStartedAt())) {
            return Optional.of("pid " + holder.pid() + " now belongs to a process started at " + started.get()
                    + ", not the holder started at " + holder.pidStartedAt());
        }
        return Optional.empty();
    }
}
