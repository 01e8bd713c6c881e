package io.sparkdistill.jobs.lock;

import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.cluster.ChildJvm;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run lock on a local disk, against real holders: another JVM holding it, the same JVM killed with SIGKILL or
 * stopped with SIGTERM, and lock files left by a holder on another host or by a process whose pid was reused.
 */
@Tag("slow")
class RunLockTest {
    private static final Configuration HADOOP = new Configuration();
    private final List<String> warnings = new ArrayList<>();

    @Test
    void aLiveHolderInAnotherProcessRefusesTheSecondRunByNameUntilSigtermReleasesTheLock() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        Process holder = startHolder(lock);
        try {
            RunFolderInUseException refused = assertThrows(RunFolderInUseException.class, () -> acquire(lock));
            String message = refused.getMessage();
            assertTrue(message.contains("in use by another run: 'distill run --config holder.yaml' by "
                    + System.getProperty("user.name") + " on " + LockHolder.thisHost() + " (pid " + holder.pid()
                    + ")"), message);
            assertTrue(message.contains("--set output.run_name="), message);
        } finally {
            holder.destroy();
        }
        assertEquals(143, holder.waitFor(), "stopped by SIGTERM");
        assertFalse(Files.exists(lock), "the shutdown hook released the lock");
        try (RunLock ignored = acquire(lock)) {
            assertTrue(warnings.isEmpty(), "a released lock is simply taken: " + warnings);
        }
    }

    @Test
    void aLockLeftByAKilledRunIsTakenOverWithAMessageNamingTheGoneHolder() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        Process holder = startHolder(lock);
        holder.destroyForcibly();
        holder.waitFor();
        assertTrue(Files.exists(lock), "SIGKILL runs no hook: the lock stays behind");

        try (RunLock ignored = acquire(lock)) {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("took over the run lock " + lock + " from 'distill run --config "
                    + "holder.yaml'"), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("its process " + holder.pid() + " is no longer running on this host"),
                    warnings.get(0));
            assertEquals(ProcessHandle.current().pid(), holderIn(lock).pid());
        }
        assertFalse(Files.exists(lock));
        try (var files = Files.list(lock.getParent())) {
            assertEquals(List.of(), files.toList(), "the stale lock was moved aside and deleted");
        }
    }

    @Test
    void aLockFromAnotherHostIsRefusedWhileFreshAndTakenOverOnceItsHeartbeatStopped() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        LockHolder elsewhere = new LockHolder("build-node-7", 4242, null, "ci", "run --config nightly.yaml",
                "2026-12-05T01:00:00Z", "their-token");
        Files.writeString(lock, JsonFiles.write(elsewhere));

        RunFolderInUseException refused = assertThrows(RunFolderInUseException.class, () -> acquire(lock));
        assertTrue(refused.getMessage().contains("'distill run --config nightly.yaml' by ci on build-node-7 (pid "
                + "4242)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("taken over after 10 minutes without a heartbeat (last one "),
                refused.getMessage());

        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
        try (RunLock ignored = acquire(lock)) {
            assertTrue(warnings.get(0).endsWith("no heartbeat for 11 minutes (a holder on another host, or an "
                    + "unreadable lock, counts as gone after 10)"), warnings.toString());
            assertEquals(LockHolder.thisHost(), holderIn(lock).host());
        }
    }

    @Test
    void aPidNowUsedByAnotherProcessDoesNotKeepTheLock() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        // This JVM's pid, but the holder that wrote it started long before: the pid was reused.
        Files.writeString(lock, JsonFiles.write(new LockHolder(LockHolder.thisHost(), ProcessHandle.current().pid(),
                "2020-01-01T00:00:00Z", "someone", "train", "2020-01-01T00:00:01Z", "old-token")));

        try (RunLock ignored = acquire(lock)) {
            assertTrue(warnings.get(0).contains("pid " + ProcessHandle.current().pid() + " now belongs to a process "
                    + "started at "), warnings.toString());
        }
    }

    @Test
    void theHolderRefreshesItsLockWhileItRunsAndDeletesItOnClose() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        try (RunLock ignored = RunLock.acquire(HADOOP, lock.toString(), "run", warnings::add, Duration.ofMillis(50),
                Duration.ofMinutes(10))) {
            String content = Files.readString(lock);
            Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
            Files.setLastModifiedTime(lock, FileTime.from(anHourAgo));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.getLastModifiedTime(lock).toInstant().isBefore(Instant.now().minusSeconds(60))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minusSeconds(60)),
                    "the heartbeat made the lock fresh again");
            assertEquals(content, Files.readString(lock), "a heartbeat changes the time only");
        }
        assertFalse(Files.exists(lock));
    }

    @Test
    void closingLeavesALockThatAnotherRunHasTakenOver() throws Exception {
        Path lock = freshRunFolder().resolve("run.lock");
        RunLock mine = acquire(lock);
        String theirs = JsonFiles.write(new LockHolder("other-host", 7, null, "ci", "run", "2026-12-05T01:00:00Z",
                "their-token"));
        Files.writeString(lock, theirs);

        mine.close();

        assertEquals(theirs, Files.readString(lock));
    }

    private RunLock acquire(Path lock) {
        return RunLock.acquire(HADOOP, lock.toString(), "run --config second.yaml", warnings::add);
    }

    private static LockHolder holderIn(Path lock) throws IOException {
        return JsonFiles.read(Files.readString(lock), LockHolder.class);
    }

    private static Path freshRunFolder() throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "run-lock-");
    }

    /** Starts {@link LockHoldingProcess} on {@code lock} and waits until it holds it. */
    private static Process startHolder(Path lock) throws Exception {
        Path logs = lock.getParent().resolveSibling(lock.getParent().getFileName() + "-logs");
        Process process = ChildJvm.start("holder", logs, "128m", List.of(), Map.of(),
                LockHoldingProcess.class.getName(), List.of(lock.toString()));
        Path out = logs.resolve("holder.out");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!(Files.exists(out) && Files.readString(out).contains(LockHoldingProcess.READY))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the holder did not take the lock: "
                        + Files.readString(logs.resolve("holder.err")));
            }
            Thread.sleep(50);
        }
        return process;
    }
}
