package io.sparkdistill.jobs.lock;

import org.apache.hadoop.conf.Configuration;

/**
 * A run in another JVM that takes a run lock and holds it until it is stopped, for the tests whose holder must be
 * another process: one killed with SIGKILL, or stopped with SIGTERM.
 */
public final class LockHoldingProcess {
    static final String READY = "holding the lock";

    private LockHoldingProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunLock.acquire(new Configuration(), args[0], "run --config holder.yaml", System.err::println);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
