package io.sparkdistill.jobs.cli;

import io.sparkdistill.jobs.cluster.ChildJvm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobEndingTest {
    private static final Map<String, String> DATABRICKS = Map.of(JobEnding.DATABRICKS_RUNTIME, "16.4");
    private static final Path LOGS = Path.of("target", "job-ending");

    private final List<String> calls = new ArrayList<>();

    private JobEnding ending(boolean platformOwnsTheJvm) {
        return new JobEnding(platformOwnsTheJvm, () -> calls.add("stop session"), code -> calls.add("exit " + code));
    }

    @Test
    void aDatabricksDriverOrTheEmbeddedFlagMeansThePlatformOwnsTheJvm() {
        assertTrue(JobEnding.platformOwnsTheJvm(DATABRICKS, null));
        assertTrue(JobEnding.platformOwnsTheJvm(Map.of(), "true"));
        assertFalse(JobEnding.platformOwnsTheJvm(Map.of("SPARK_HOME", "/opt/spark"), null));
        assertFalse(JobEnding.platformOwnsTheJvm(Map.of(), "false"));
    }

    @Test
    void onItsOwnJvmTheJobStopsItsSessionAndExitsWithTheCode() {
        ending(false).end(2);
        assertEquals(List.of("stop session", "exit 2"), calls);
    }

    @Test
    void onAPlatformsJvmSuccessReturnsAndFailureThrowsWithTheCodeLeavingSessionAndJvmAlone() {
        ending(true).end(0);
        JobEnding.JobFailedException failure = assertThrows(JobEnding.JobFailedException.class,
                () -> ending(true).end(1));
        assertTrue(failure.getMessage().contains("exit code 1"), failure.getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void inDatabricksModeMainReturnsInsteadOfReachingSystemExit() throws Exception {
        Child child = runMain("databricks-help", DATABRICKS, "--help");
        assertEquals(0, child.exitCode(), child.err());
        assertTrue(child.out().contains(MainThenSayReturned.RETURNED), child.out());
    }

    @Test
    void inDatabricksModeAFailedCommandThrowsOutOfMainInsteadOfExiting() throws Exception {
        Child child = runMain("databricks-usage-error", DATABRICKS, "distil");
        // An uncaught exception ends the JVM with 1; System.exit(2) would have given 2 and no stack trace.
        assertEquals(1, child.exitCode(), child.err());
        assertTrue(child.err().contains("error: unknown command 'distil'"), child.err());
        assertTrue(child.err().contains("JobFailedException: spark-distill failed with exit code 2"), child.err());
        assertFalse(child.out().contains(MainThenSayReturned.RETURNED), child.out());
    }

    @Test
    void elsewhereMainEndsTheJvmWithTheCommandsExitCode() throws Exception {
        Child usageError = runMain("plain-usage-error", Map.of(), "distil");
        assertEquals(2, usageError.exitCode(), usageError.err());
        Child help = runMain("plain-help", Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertFalse(help.out().contains(MainThenSayReturned.RETURNED), "System.exit should end the JVM in main");
    }

    private record Child(int exitCode, String out, String err) {
    }

    private static Child runMain(String name, Map<String, String> env, String... args) throws Exception {
        Process process = ChildJvm.start(name, LOGS, "256m", List.of(), env, MainThenSayReturned.class.getName(),
                List.of(args));
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), name + " did not end within 120 s");
        return new Child(process.exitValue(), Files.readString(LOGS.resolve(name + ".out")),
                Files.readString(LOGS.resolve(name + ".err")));
    }
}
