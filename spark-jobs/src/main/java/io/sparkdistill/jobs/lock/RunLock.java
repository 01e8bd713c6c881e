package io.sparkdistill.jobs.lock;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run at a time in a run folder. Two runs writing one folder both append the same examples to
 * {@code synthetic/}, and everything downstream counts them twice; so each command that writes there first creates
 * {@code run.lock} without overwrite, with its holder inside, and a second run stops naming that holder.
 *
 * <p>A holder that died without releasing (kill -9, a lost node) is taken over, with a warning: on the same host
 * once its process is gone (or its pid belongs to a later process); from another host, whose processes cannot be
 * seen, once the lock has not been refreshed for {@link #STALE_AFTER}. The holder refreshes it every
 * {@link #HEARTBEAT}, so a live run on another host is never taken over unless it stalls for twenty heartbeats.
 * Released on close and, for SIGTERM, by a shutdown hook.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** Twenty missed heartbeats: longer than a GC pause or a NameNode failover, short enough to wait out. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final int ATTEMPTS = 3;
    // After Spark's own hooks (priority 30: a stopping run writes nothing more), before the file systems close (10).
    private static final int SHUTDOWN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;

    private final LockFile file;
    private final String location;
    private final LockHolder holder;
    private final String content;
    private final ScheduledExecutorService heartbeat;
    private final Runnable shutdownHook = this::close;
    private final AtomicBoolean released = new AtomicBoolean();

    private RunLock(LockFile file, String location, LockHolder holder, String content, Duration every) {
        this.file = file;
        this.location = location;
        this.holder = holder;
        this.content = content;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        ShutdownHookManager.get().addShutdownHook(shutdownHook, SHUTDOWN_PRIORITY);
    }

    /**
     * Takes the lock at {@code location} for {@code command}, taking over a gone holder's with a message to
     * {@code warnings}; throws {@link RunFolderInUseException} naming the holder when a live run has it.
     */
    public static RunLock acquire(Configuration hadoop, String location, String command, Consumer<String> warnings) {
        return acquire(hadoop, location, command, warnings, HEARTBEAT, STALE_AFTER);
    }

    static RunLock acquire(Configuration hadoop, String location, String command, Consumer<String> warnings,
                           Duration heartbeat, Duration staleAfter) {
        LockHolder me = LockHolder.ofThisProcess(command);
        String content = LockHolder.toJson(me);
        try {
            LockFile file = LockFile.at(location, hadoop);
            // A few rounds, for a holder that releases or is taken over by another run while this one looks.
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (file.createNew(content)) {
                    return new RunLock(file, location, me, content, heartbeat);
                }
                Optional<LockFile.Stored> found = file.read();
                if (found.isEmpty()) {
                    continue;
                }
                Optional<LockHolder> other = parse(found.get().content());
                Duration age = Duration.ofMillis(Math.max(0, System.currentTimeMillis()
                        - found.get().modifiedMillis()));
                Optional<String> gone = Staleness.goneBecause(other, age, staleAfter);
                if (gone.isEmpty()) {
                    throw new RunFolderInUseException(heldMessage(location, other, age, staleAfter));
                }
                if (takeOver(file, found.get(), me.token())) {
                    String message = "took over the run lock " + location + " from "
                            + other.map(LockHolder::describe).orElse("an unreadable lock") + ": " + gone.get();
                    LOG.warn("[run lock] {}", message);
                    warnings.accept(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the run lock " + location, e);
        }
        throw new RunFolderInUseException("cannot take the run lock " + location + ": other runs are starting in the same "
                + "run folder at this moment; start one at a time");
    }

    /**
     * Moves the gone holder's lock aside and deletes it, unless what was moved is not the lock judged gone (another
     * run took it over first): that one goes back.
     */
    private static boolean takeOver(LockFile file, LockFile.Stored judged, String token) throws IOException {
        String aside = file.name() + ".stale-" + token;
        if (!file.renameTo(aside)) {
            return false;
        }
        LockFile moved = file.sibling(aside);
        if (moved.read().map(s -> s.content().equals(judged.content())).orElse(false)) {
            moved.delete();
            return true;
        }
        moved.renameTo(file.name());
        return false;
    }

    static Optional<LockHolder> parse(String content) {
        try {
            return Optional.of(LockHolder.fromJson(content));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String heldMessage(String location, Optional<LockHolder> holder, Duration age,
                                      Duration staleAfter) {
        String who = holder.map(LockHolder::describe)
                .orElse("a run whose lock cannot be read (being written, or not a lock of this version)");
        boolean sameHost = holder.map(h -> h.host().equals(LockHolder.thisHost())).orElse(false);
        String rule = sameHost ? "it is taken over once that process has ended"
                : "it is taken over after " + staleAfter.toMinutes() + " minutes without a heartbeat (last one "
                + age.toSeconds() + " s ago)";
        return "the run folder is in use by another run: " + who + ". Wait for it to end, or give this run its own "
                + "folder (--set output.run_name=<name>); " + rule + ", or delete " + location
                + " once you are sure that run is gone";
    }

    /** Refreshes the lock's time while it is still this run's; logs and stops once another run has it. */
    private void beat() {
        try {
            Optional<LockFile.Stored> now = file.read();
            Optional<LockHolder> current = now.flatMap(s -> parse(s.content()));
            if (current.isPresent() && !current.get().token().equals(holder.token())) {
                LOG.error("[run lock] {} was taken over by {} while this run went on; two runs may now write the "
                        + "run folder", location, current.get().describe());
                heartbeat.shutdown();
                return;
            }
            if (now.isPresent()) {
                file.touch(content);
            }
        } catch (IOException | RuntimeException e) {
            // A missed beat is survivable (the limit is twenty of them); the next one tries again.
            LOG.warn("[run lock] cannot refresh {}: {}", location, e.toString());
        }
    }

    /** Deletes the lock if it is still this run's; idempotent, so the shutdown hook and close may both call it. */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdownNow();
        if (!ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(shutdownHook);
        }
        try {
            Optional<LockHolder> current = file.read().flatMap(s -> parse(s.content()));
            if (current.isPresent() && current.get().token().equals(holder.token())) {
                file.delete();
            } else {
                LOG.warn("[run lock] {} is no longer this run's ({}); left in place", location,
                        current.map(LockHolder::describe).orElse("gone or unreadable"));
            }
        } catch (IOException e) {
            LOG.warn("[run lock] cannot release {}: {}; the next run takes it over once this process is gone",
                    location, e.toString());
        }
    }
}
