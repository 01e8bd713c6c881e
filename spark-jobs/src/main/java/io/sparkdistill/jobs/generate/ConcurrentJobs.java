package io.sparkdistill.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Spark actions that need nothing of each other, run at once from driver threads of their own: the writes of one
 * slice's outcomes read the same persisted answers and write folders of their own, so running them one after the
 * other only adds up each job's fixed cost (planning, scheduling, the commit's renames and markers). Threads started
 * here inherit the starting thread's Spark properties (job group, scheduler pool). Each action is timed as a phase of
 * its own; the phases overlap.
 */
final class ConcurrentJobs {
    private final GenerationPhases phases;
    private final List<String> names = new ArrayList<>();
    private final List<Runnable> jobs = new ArrayList<>();

    ConcurrentJobs(GenerationPhases phases) {
        this.phases = phases;
    }

    ConcurrentJobs add(String phase, Runnable job) {
        names.add(phase);
        jobs.add(job);
        return this;
    }

    /** Runs every action at once and returns when all have ended; then throws the first failure, if any. */
    void run() {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size(), r -> {
            Thread t = new Thread(r, "generate-commit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                String phase = names.get(i);
                Runnable job = jobs.get(i);
                running.add(pool.submit(() -> phases.time(phase, job)));
            }
            RuntimeException failure = null;
            for (Future<?> f : running) {
                RuntimeException thrown = outcome(f);
                if (thrown != null && failure == null) {
                    failure = thrown;
                } else if (thrown != null) {
                    failure.addSuppressed(thrown);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** What the action threw, or null; waits for it to end. */
    private static RuntimeException outcome(Future<?> job) {
        try {
            job.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while the outcomes were written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
