package io.sparkdistill.jobs.generate;

import org.apache.spark.api.java.JavaSparkContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Commits the slices of an API generate run (their cache write, duplicate screen and outcome writes) one after the
 * other, in order, on a driver thread of their own, while the next slice's requests go on: the endpoint does not sit
 * idle while a slice is written. In order, because the run-wide duplicate screen of a slice must see the answers the
 * slices before it wrote, and the first slice replaces {@code failed/} before the others append to it. Once a commit
 * fails, the ones queued after it do not run and {@link #failed} tells the caller to stop asking. The commits run in
 * the Spark scheduler pool {@value #POOL}: under {@code spark.scheduler.mode FAIR} (the project's default) they get
 * their share of task slots beside the requests instead of waiting behind them.
 * <p>
 * They also run in a job group of their own, {@value #GROUP}: cancelling the requests' group stops the asking, but
 * the slices already answered are still committed before the run ends with that failure. Otherwise a cancel that
 * came while one slice was being committed would throw that slice's paid answers back to the journal, and, as a
 * commit that failed stops the ones queued after it, every slice answered since: with the requests running ahead of
 * the commits, a killed run would keep less than the slices it had paid for.
 */
final class SliceCommits implements AutoCloseable {
    static final String POOL = "generate-commits";
    static final String GROUP = "generate-commits";
    /** The local property {@code setJobGroup} puts its description in (Spark keeps its own constant private). */
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final ExecutorService thread;
    private final GenerationPhases phases;
    private CompletableFuture<GenerationCounts> done = CompletableFuture.completedFuture(GenerationCounts.none());

    SliceCommits(JavaSparkContext sc, GenerationPhases phases) {
        this.phases = phases;
        String stage = sc.getLocalProperty(JOB_DESCRIPTION);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "generate-slice-commits");
            t.setDaemon(true);
            return t;
        });
        thread.submit(() -> {
            sc.setJobGroup(GROUP, stage == null ? "slice commits" : stage + ": slice commits", false);
            sc.setLocalProperty("spark.scheduler.pool", POOL);
        });
    }

    /** Queues a slice's commit after those queued before it; its counts add to the run's. */
    void queue(Supplier<GenerationCounts> commit) {
        done = done.thenApplyAsync(counts -> counts.plus(commit.get()), thread);
    }

    /** Whether a commit has failed: asking the teacher for more would only pile up answers that are not written. */
    boolean failed() {
        return done.isCompletedExceptionally();
    }

    /** The counts of every slice, once the last commit has ended; the first commit failure, if one failed. */
    GenerationCounts await() {
        try {
            return phases.time("wait_for_last_commit", done::join);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Waits for the queued commits (a failure of the requests then still leaves what was answered written), without
     * throwing theirs: when {@link #await} was not reached, another failure is on its way up.
     */
    @Override
    public void close() {
        try {
            done.exceptionally(failure -> null).join();
        } finally {
            thread.shutdown();
        }
    }
}
