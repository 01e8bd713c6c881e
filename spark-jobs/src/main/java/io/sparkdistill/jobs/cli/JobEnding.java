package io.sparkdistill.jobs.cli;

import org.apache.spark.sql.SparkSession;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * How {@link DistillMain#main} leaves once a command has finished, depending on who owns the JVM.
 * <p>
 * Under {@code spark-submit} and {@code bin/distill} the process is the job's: the session is stopped and
 * {@code System.exit} carries the exit code (DL4J and ONNX Runtime leave non-daemon threads behind that would keep
 * the JVM alive). A Databricks jar task calls {@code main} inside the cluster's long-lived driver, which owns the
 * SparkContext and the JVM; Databricks asks jar jobs not to stop the shared context nor call {@code System.exit}.
 * There a failure is reported the way Databricks reads it, by throwing from {@code main}, and success by returning.
 * The driver is recognised by {@code DATABRICKS_RUNTIME_VERSION}, which Databricks sets on every cluster; any other
 * host that runs {@code main} in a JVM it owns (Livy, a notebook) asks for the same with
 * {@code -Dspark-distill.embedded=true}.
 */
public final class JobEnding {
    static final String DATABRICKS_RUNTIME = "DATABRICKS_RUNTIME_VERSION";
    static final String EMBEDDED_PROPERTY = "spark-distill.embedded";

    private final boolean platformOwnsTheJvm;
    private final Runnable stopSession;
    private final IntConsumer exit;

    JobEnding(boolean platformOwnsTheJvm, Runnable stopSession, IntConsumer exit) {
        this.platformOwnsTheJvm = platformOwnsTheJvm;
        this.stopSession = stopSession;
        this.exit = exit;
    }

    /** The ending for this JVM, from its environment and system properties. */
    static JobEnding forThisJvm() {
        return new JobEnding(platformOwnsTheJvm(System.getenv(), System.getProperty(EMBEDDED_PROPERTY)),
                JobEnding::stopActiveSession, System::exit);
    }

    static boolean platformOwnsTheJvm(Map<String, String> env, String embeddedProperty) {
        return env.containsKey(DATABRICKS_RUNTIME) || Boolean.parseBoolean(embeddedProperty);
    }

    /**
     * Ends the job with the command's exit code: exits the JVM with it when the job owns the JVM; otherwise returns
     * on 0 and throws on anything else, leaving the session and the JVM to the platform.
     */
    void end(int code) {
        if (platformOwnsTheJvm) {
            if (code != 0) {
                throw new JobFailedException(code);
            }
            return;
        }
        stopSession.run();
        exit.accept(code);
    }

    private static void stopActiveSession() {
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
    }

    /** What a platform-owned driver sees when a command fails: the exit code it would have had elsewhere. */
    static final class JobFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobFailedException(int code) {
            super("spark-distill failed with exit code " + code + " (2: the command line, config or input is wrong;"
                    + " 1: the run failed); the 'error:' lines above say why");
        }
    }
}
