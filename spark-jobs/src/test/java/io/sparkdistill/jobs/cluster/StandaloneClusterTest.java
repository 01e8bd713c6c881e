package io.sparkdistill.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.train.TrainJob;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline (generate with the embedded teacher, DL4J training, evaluate) on a real Spark standalone
 * cluster: a master and two one-core workers, each its own JVM on loopback, and the driver in a further JVM
 * ({@code DistillMain run}) with a small heap, since this JVM already holds the tests' local Spark context. The
 * driver and the executors run the cluster jar the build ships, beside Spark's own jars and nothing else, as
 * spark-submit runs it. The same job also runs on local[2] in this JVM; the cluster must give the same answers, and
 * still give them when a worker dies part way through generation or training.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DIR = Path.of("target", "standalone-cluster").toAbsolutePath();
    /** A few hundred rows of the customer-support sample, so that each run takes seconds, not minutes. */
    private static final Map<String, Integer> ROWS = Map.of("train", 240, "validation", 60, "test", 100);
    /** The driver's heap, kept small: it coordinates and times the models; the data stays on the executors. */
    private static final String DRIVER_HEAP = "512m";
    private static final Pattern ENCODER_LINE = Pattern.compile(
            "\\[generate] executor (\\S+) encodes partition (\\d+) \\(attempt \\d+\\); teacher encoder loads in this JVM: (\\d+)");
    /** Spark's executor log: "Running task 1.0 in stage 12.0 (TID 30)", later "Finished task 1.0 in stage 12.0 ...". */
    private static final Pattern TASK_LINE = Pattern.compile(
            "(Running|Finished) task \\S+ in stage (\\d+)\\.\\d+ \\(TID (\\d+)\\)");
    /** ExecutorParameterSample at debug: "[train distilled] executor 1 parameters at fit end: 256 of 9031 [...]". */
    private static final Pattern SAMPLE_LINE = Pattern.compile(
            "\\[train (\\w+)] executor (\\S+) parameters at fit (start|end): \\d+ of \\d+ \\[([^\\]]*)]");
    /** Spark's executor runner, first in the executor's stderr: {@code Spark Executor Command: "java" "-cp" "..."}. */
    private static final Pattern EXECUTOR_COMMAND = Pattern.compile(
            "Spark Executor Command: \"[^\"]*\" \"-cp\" \"([^\"]*)\"");
    /**
     * How much smaller, under gradient sharing, the distance between the two executors' copies of a student (as a
     * share of how far each moved) must be than in the control run without any exchange, for the updates each
     * executor received to count as applied. The control gives the same share to within 0.03 run after run; sharing,
     * whose updates land in part, came as close to it as 0.24 once (see the test).
     */
    private static final double APPLIED_MARGIN = 0.1;
    /**
     * How far a gradient-sharing student's accuracy may be from the local one's: parameter averaging's 6 points, and
     * 2 more for the asynchrony of the updates (one run measured with the fixed threshold: 1 point).
     */
    private static final double SHARING_TOLERANCE = 0.08;
    /** DL4J's AeronUdpTransport at debug: "Got [VoidChunk] message from [aeron:udp?endpoint=127.0.0.3:40123]". */
    private static final Pattern RECEIVED_LINE = Pattern.compile(
            "Got \\[(\\w+)] message from \\[aeron:udp\\?endpoint=([0-9.]+):(\\d+)]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path clusterJar;
    private static CompletableFuture<StandaloneCluster> starting;
    private static StandaloneCluster cluster;
    private static Path localRun;
    private static ClusterRun clusterRun;
    private static ClusterRun sharingRun;

    /** One driver run on the cluster: its exit code, run folder, logs and event log. */
    private record ClusterRun(int exitCode, Path runDir, Path logs, EventLog events, double seconds) {
        String driverOutput() {
            return StandaloneCluster.read(logs.resolve("driver.out")) + StandaloneCluster.read(logs.resolve("driver.err"));
        }
    }

    @BeforeAll
    static void startTheClusterAndRunLocally() throws Exception {
        clusterJar = ClusterJar.path();
        deleteRecursively(DIR);
        Files.createDirectories(DIR);
        copyInput();
        // The daemons start while this JVM runs the local reference: their start-up is mostly waiting.
        starting = CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneCluster.start(DIR, 2, 1, "3g");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start the standalone cluster", e);
            }
        });
        localRun = runLocally();
        cluster = starting.get(6, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stopTheCluster() {
        if (starting != null) {
            starting.thenAccept(StandaloneCluster::close).exceptionally(e -> null).join();
        }
    }

    @Test
    @Order(1)
    void theWholePipelineOnTwoWorkersGivesTheSameOutputAsLocalMode() throws Exception {
        assertEquals(2, cluster.aliveWorkers(), "the master lists two alive workers");
        clusterRun = runOnCluster("two-workers", "run", events -> {
        });
        assertEquals(0, clusterRun.exitCode(), () -> "the driver failed:\n" + clusterRun.driverOutput());
        assertTrue(clusterRun.driverOutput().contains("Report: "), "the driver printed where the report is");

        assertSameSynthetic(localRun, clusterRun.runDir());
        double local = distilledAccuracy(localRun);
        double onCluster = distilledAccuracy(clusterRun.runDir());
        // The two students see their rows in different orders (shuffles fetch from whichever executor answers
        // first), so they differ as two seeds would: 0 to 4 points apart over eight runs on this machine (five
        // before 2026-12-05; 0.81 and 0.83 against 0.83 since; 0.83 against 0.83 on 2026-12-06). On 100 test
        // examples a point is one example: 6 points is the widest gap seen and two examples more.
        assertTrue(Math.abs(local - onCluster) <= 0.06, "distilled student accuracy on the cluster " + onCluster
                + ", local " + local + ": within 6 points");
        assertTrue(Files.exists(clusterRun.runDir().resolve("report.md")));
        // What each worker started its executor with (Spark's executor runner writes the command at the top of the
        // executor's stderr): the cluster jar, then Spark's conf and jars folders, nothing of the test classpath.
        for (int w = 0; w < cluster.workerCount(); w++) {
            List<String> classpaths = executorClasspaths(w, clusterRun.events().appId());
            assertFalse(classpaths.isEmpty(), "worker " + w + " logged its executor's command");
            for (String classpath : classpaths) {
                List<String> entries = List.of(classpath.split(java.io.File.pathSeparator));
                assertEquals(clusterJar.toString(), entries.get(0), "the executor loads the cluster jar first");
                Path sparkHome = DIR.resolve("spark-home");
                assertTrue(entries.subList(1, entries.size()).stream().allMatch(e -> Path.of(e).startsWith(sparkHome)),
                        "the executor's classpath is the cluster jar and Spark's own jars: " + entries);
            }
        }
        System.out.printf("[cluster] run on two workers in %.1f s; distilled accuracy %.3f (local %.3f)%n",
                clusterRun.seconds(), onCluster, local);
    }

    @Test
    @Order(2)
    void bothExecutorsGenerateAndTrainAndEachLoadsTheTeacherOnce() throws Exception {
        EventLog events = clusterRun.events();
        assertEquals(2, events.executorsAdded().size(), "one executor per worker: " + events.executorsAdded());
        assertEquals(events.executorsAdded(), events.tasksByExecutor("generate").keySet(),
                "both executors ran generate tasks: " + events.tasksByExecutor("generate"));
        assertEquals(events.executorsAdded(), events.tasksByExecutor("train").keySet(),
                "both executors ran training tasks: " + events.tasksByExecutor("train"));

        Map<String, List<Integer>> loadsByExecutor = encoderLoads(events.appId());
        assertEquals(events.executorsAdded(), loadsByExecutor.keySet(), "each executor's log shows it encoding");
        int partitionsEncoded = loadsByExecutor.values().stream().mapToInt(List::size).sum();
        assertTrue(partitionsEncoded >= 4, "the four partitions were encoded: " + loadsByExecutor);
        loadsByExecutor.forEach((executor, loads) -> assertTrue(loads.stream().allMatch(n -> n == 1),
                "executor " + executor + " loaded the teacher once for all its partitions: " + loads));
    }

    @Test
    @Order(3)
    void theDriverCompletesTheRunInA512MegabyteHeap() throws IOException {
        // What this shows: the whole run completes with the driver's heap at 512 MB, and the most the driver kept
        // live (heap after each GC) stays under half of it. At a few hundred rows a collect would still fit; the
        // claim that the driver stays flat as the input grows is the scale benchmark's, not this test's.
        long peak = peakHeapAfterGcMegabytes(clusterRun.logs().resolve("driver-gc.log"));
        System.out.printf("[cluster] driver heap: -Xmx%s, peak after GC %d MB%n", DRIVER_HEAP, peak);
        assertTrue(peak > 0 && peak < 256, "driver peak heap after GC " + peak + " MB, under 256 MB");
    }

    @Test
    @Order(4)
    void gradientSharingExchangesUpdatesBetweenTheTwoExecutorsAndLearnsAsWellAsOneProcess() throws Exception {
        int port = freeUdpPort();
        ClusterRun run = runWithGradientSharing("gradient-sharing", "run", port, List.of());
        assertEquals(0, run.exitCode(), () -> "the driver failed with gradient sharing:\n" + run.driverOutput());
        // A message names its sender by the endpoint the sender subscribes on: every node listens on training.port
        // (firewalls are opened for it). Until 2026-12-06 every node used DL4J's 49876 whatever the setting said.
        List<Path> meshLogs = new ArrayList<>(List.of(run.logs().resolve("driver.out")));
        for (int w = 0; w < cluster.workerCount(); w++) {
            meshLogs.addAll(cluster.executorLogs(w, run.events().appId()));
        }
        assertEquals(Set.of(port), senderPorts(meshLogs), "every node of the mesh sent from training.port " + port);
        assertEquals(2, run.events().tasksByExecutor("train").size(),
                "both executors ran training tasks: " + run.events().tasksByExecutor("train"));

        // What each JVM received over Aeron, by message type and sender. The driver is the mesh's root: an update
        // an executor sends goes to the root in chunks, which the root passes on to the other executor. With both
        // executors announcing one address, each was its own root and nothing travelled.
        Map<String, Integer> atRoot = messagesReceived(List.of(run.logs().resolve("driver.out")))
                .getOrDefault("VoidChunk", Map.of());
        for (int w = 0; w < cluster.workerCount(); w++) {
            String self = StandaloneCluster.workerHost(w);
            String other = StandaloneCluster.workerHost(1 - w);
            Map<String, Map<String, Integer>> received =
                    messagesReceived(cluster.executorLogs(w, run.events().appId()));
            int sent = atRoot.getOrDefault(self, 0);
            int relayed = received.getOrDefault("VoidChunk", Map.of()).getOrDefault("127.0.0.1", 0);
            System.out.printf("[cluster] gradient sharing: executor on %s sent %d update chunks to the root and "
                    + "received %d from it; all it received: %s%n", self, sent, relayed, received);
            assertTrue(received.getOrDefault("MeshUpdateMessage", Map.of()).containsKey("127.0.0.1"),
                    "the executor on " + self + " joined the driver's mesh: " + received);
            assertTrue(sent > 0, "the executor on " + self + " sent updates to the root: " + atRoot);
            int fromOther = atRoot.getOrDefault(other, 0);
            assertTrue(fromOther > 0 && relayed >= 0.9 * fromOther, "the executor on " + self + " received the "
                    + fromOther + " update chunks the root got from the one on " + other + ": " + relayed);
        }

        sharingRun = run;

        double local = distilledAccuracy(localRun);
        double shared = distilledAccuracy(run.runDir());
        System.out.printf("[cluster] gradient sharing: run in %.1f s; distilled accuracy %.3f (local %.3f)%n",
                run.seconds(), shared, local);
        // Until 2026-12-05 gradient sharing scored 0.71 to 0.75 against a local 0.81 to 0.83 (four runs): DL4J's
        // adaptive threshold coarsened its steps (see TrainingMasters). With a fixed threshold at the learning rate
        // it scored 0.84 against 0.83 in the one run made since. Its updates arrive asynchronously, on top of the
        // ordering spread of parameter averaging (above): SHARING_TOLERANCE.
        assertTrue(Math.abs(local - shared) <= SHARING_TOLERANCE, "distilled student accuracy with gradient sharing "
                + shared + ", local " + local + ": within " + SHARING_TOLERANCE);
    }

    @Test
    @Order(5)
    void underGradientSharingEachExecutorAppliesTheUpdatesTheOtherSends() throws Exception {
        Map<String, double[]> shared = parameterDistances("gradient sharing", sharingRun);
        // The control: the same training on the same rows, seeds and cluster, in which no update leaves the executor
        // that made it. Every executor announces the driver's address (spark.executorEnv gives all executors one
        // value, see deploy/README.md), so each takes itself for the mesh's root, finds no node to send to, and
        // trains on its own updates alone. Train only: the parameter samples are all it is for.
        ClusterRun control = runWithGradientSharing("no-exchange", "train", freeUdpPort(),
                List.of("--set", "spark.conf.spark.executorEnv.DL4J_VOID_IP=127.0.0.1"));
        assertEquals(0, control.exitCode(), () -> "the driver failed in the control run:\n" + control.driverOutput());
        List<Path> logs = new ArrayList<>(List.of(control.logs().resolve("driver.out")));
        for (int w = 0; w < cluster.workerCount(); w++) {
            logs.addAll(cluster.executorLogs(w, control.events().appId()));
        }
        Map<String, Map<String, Integer>> received = messagesReceived(logs);
        System.out.printf("[cluster] no exchange (control): train in %.1f s; all the JVMs received over Aeron: %s%n",
                control.seconds(), received);
        assertFalse(received.containsKey("VoidChunk"), "in the control no update travelled: " + received);
        Map<String, double[]> alone = parameterDistances("no exchange (control)", control);

        // Without the other's updates each copy holds only what its own half of the rows taught it, and the two end
        // further apart than either moved; with them applied each holds both halves' updates, and they end closer.
        // Measured on this machine, copies apart as a share of the move, baseline and distilled student: without any
        // exchange 1.222 and 1.149, 1.220 and 1.156, 1.219 and 1.179, and 1.221 for the baseline alone (four runs on
        // 2026-12-06, load 12-39); with gradient sharing 0.735 and 0.720, 0.467 and 0.572, 0.742 and 0.575, 0.666 and
        // 0.534 in the same runs, 0.528 and 0.490 in CI at a load under 2, and once 0.57 and 0.91 at a load of 18-23.
        // Not all land: DL4J M2's SharedTrainingWrapper purges the updates queued when a fit ends and drops those
        // arriving between fits (SharedTrainingWrapper.java:474, 503), and the other's come through the driver
        // seconds late.
        for (String student : shared.keySet()) {
            double withUpdates = shared.get(student)[1] / shared.get(student)[0];
            double without = alone.get(student)[1] / alone.get(student)[0];
            assertTrue(withUpdates < without - APPLIED_MARGIN, "the " + student + " student's copies end "
                    + withUpdates + " of their move apart under gradient sharing and " + without + " without any "
                    + "exchange: not " + APPLIED_MARGIN + " closer, so the updates each received were not applied");
        }
    }

    @Test
    @Order(6)
    void aWorkerKilledInATrainingTaskLosesTheTaskWhichRunsAgainAndTheStudentIsAsGood() throws Exception {
        ClusterRun run = runKilledInTraining("killed-in-training", List.of(), List.of(), List.of());
        double local = distilledAccuracy(localRun);
        double survived = distilledAccuracy(run.runDir());
        System.out.printf("[cluster] parameter averaging, worker killed in a training task, %.1f s; distilled "
                + "accuracy %.3f (local %.3f)%n", run.seconds(), survived, local);
        assertTrue(Math.abs(local - survived) <= 0.06, "distilled student accuracy after losing a worker "
                + survived + ", local " + local + ": within 6 points");
    }

    @Test
    @Order(7)
    void underGradientSharingAWorkerKilledInATrainingTaskLosesTheTaskAndTheRunCompletes() throws Exception {
        int port = freeUdpPort();
        Path aeron = Files.createDirectories(DIR.resolve("killed-sharing/aeron"));
        ClusterRun run = runKilledInTraining("killed-sharing",
                List.of("--set", "training.master=gradient_sharing", "--set", "training.port=" + port),
                List.of("-Daeron.dir=" + aeron.resolve("driver")),
                List.of("-Daeron.dir=" + aeron.resolve("{{EXECUTOR_ID}}")));
        double local = distilledAccuracy(localRun);
        double survived = distilledAccuracy(run.runDir());
        System.out.printf("[cluster] gradient sharing, worker killed in a training task, %.1f s; distilled "
                + "accuracy %.3f (local %.3f)%n", run.seconds(), survived, local);
        assertTrue(Math.abs(local - survived) <= SHARING_TOLERANCE, "distilled student accuracy with gradient "
                + "sharing after losing a worker " + survived + ", local " + local + ": within " + SHARING_TOLERANCE);
    }

    /**
     * A run of {@code name} on the local reference's synthetic rows in which worker 0 is killed, with its executor,
     * while that executor runs a task of a training master's job; the worker is started again afterwards. Checks
     * what must hold whatever the master: Spark saw the task lost with its executor and ran it again to success,
     * and the run completed with a whole evaluate output.
     */
    private static ClusterRun runKilledInTraining(String name, List<String> options, List<String> driverFlags,
                                                  List<String> executorFlags) throws Exception {
        seedWithLocalSynthetic(name);
        int victim = 0;
        AtomicBoolean killed = new AtomicBoolean();
        ClusterRun run;
        try {
            run = runOnCluster(name, "run", options, driverFlags, executorFlags, events -> {
                if (!killed.get() && trainingTaskRunsOn(victim, events)) {
                    cluster.killWorker(victim);
                    killed.set(true);
                }
            });
        } finally {
            if (!cluster.worker(victim).isAlive()) {
                cluster.restartWorker(victim);
            }
        }
        assertTrue(killed.get(), "a worker was killed while its executor ran a training task");
        assertEquals(0, run.exitCode(), () -> "the driver failed after losing a worker in training:\n"
                + run.driverOutput());
        assertFalse(run.events().executorsRemoved().isEmpty(), "the driver saw its executor go");
        List<EventLog.TaskEnd> lost = run.events().trainingTasksLostAndRetried();
        System.out.printf("[cluster] %s: training tasks lost and run again: %s%n", name, lost);
        assertTrue(lost.stream().anyMatch(t -> "ExecutorLostFailure".equals(t.reason())), "a training task was lost "
                + "with its executor and run again to success; training task ends: " + run.events().trainingTaskEnds());
        assertTrue(run.driverOutput().contains("[train distilled] epoch 3/3"),
                "the distilled student trained all its epochs");

        // The evaluate output is whole: every test example predicted once by each model, and the report written.
        Path runDir = run.runDir();
        assertTrue(Files.exists(runDir.resolve("report.md")) && Files.exists(runDir.resolve("report.html")));
        List<Row> predictions = SharedSpark.session().read().parquet(runDir.resolve("predictions").toString())
                .select("id", "distilled_label", "baseline_label").collectAsList();
        Set<String> ids = new TreeSet<>();
        predictions.forEach(r -> ids.add(r.getString(0)));
        assertEquals(idsBySplit(SharedSpark.session(), localRun).get("test"), ids, "every test example predicted");
        assertEquals(ids.size(), predictions.size(), "each test example predicted once");
        return run;
    }

    /**
     * True while a training master's job runs (its start in the event log, which Spark flushes at each job's start
     * and end, and no end yet) and worker {@code w}'s executor has started one of that job's tasks and not finished
     * it (the executor's own log, written as it happens).
     */
    private static boolean trainingTaskRunsOn(int w, Path events) throws IOException {
        try (Stream<Path> files = Files.list(events)) {
            if (files.noneMatch(p -> p.getFileName().toString().startsWith("app-"))) {
                return false;
            }
        }
        String appId = EventLog.onlyLogIn(events).getFileName().toString().replace(".inprogress", "");
        Map<String, Integer> stageOfRunningTask = new HashMap<>();
        for (Path executorLog : cluster.executorLogs(w, appId)) {
            Matcher m = TASK_LINE.matcher(StandaloneCluster.read(executorLog));
            while (m.find()) {
                if ("Running".equals(m.group(1))) {
                    stageOfRunningTask.put(m.group(3), Integer.parseInt(m.group(2)));
                } else {
                    stageOfRunningTask.remove(m.group(3));
                }
            }
        }
        if (stageOfRunningTask.isEmpty()) {
            return false;
        }
        // The event log, larger, is read only when the executor is inside a task.
        EventLog log = EventLog.readOnlyLogIn(events);
        return log.trainingJobRunning() && stageOfRunningTask.values().stream().anyMatch(log::isTrainingStage);
    }

    @Test
    @Order(8)
    void aWorkerKilledDuringGenerationDoesNotChangeTheOutput() throws Exception {
        // The run folder starts with the first cluster run's teacher head, as a nightly run reuses its folder's:
        // generate skips the head fit (a minute of small Spark jobs here) and answers with the same head.
        Path head = Files.createDirectories(DIR.resolve("runs/worker-killed/teacher")).resolve("head.json");
        Files.copy(clusterRun.runDir().resolve("teacher/head.json"), head);
        List<Integer> killed = new ArrayList<>();
        // generate alone: the stage whose executors die here; training on the survivor would add a minute and
        // nothing this test checks.
        ClusterRun run = runOnCluster("worker-killed", "generate", running -> {
            if (!killed.isEmpty()) {
                return;
            }
            for (int w = 0; w < cluster.workerCount(); w++) {
                if (encodingStarted(w, running)) {
                    cluster.killWorker(w);
                    killed.add(w);
                    return;
                }
            }
        });
        assertEquals(1, killed.size(), "a worker was killed while its executor was generating");
        assertEquals(0, run.exitCode(), () -> "the driver failed after losing a worker:\n" + run.driverOutput());
        assertFalse(run.events().executorsRemoved().isEmpty(), "the driver saw its executor go");
        assertEquals(1, cluster.aliveWorkers(), "the master lists one alive worker");
        assertSameSynthetic(localRun, run.runDir());
        assertTrue(Files.exists(run.runDir().resolve("generate-summary.json")));
        System.out.printf("[cluster] run with worker %d killed in %.1f s%n", killed.get(0), run.seconds());
    }

    // ---- the runs ----

    /** Starts run folder {@code run} with the local reference's synthetic rows and teacher head. */
    private static void seedWithLocalSynthetic(String run) throws IOException {
        Path target = Files.createDirectories(DIR.resolve("runs").resolve(run));
        for (String part : List.of("synthetic", "teacher")) {
            Path from = localRun.resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(part).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
    }

    /**
     * A gradient-sharing run of {@code command} on the local reference's synthetic rows (generate finds every example
     * done and asks the teacher nothing, so only the training differs from it), with the mesh on UDP {@code port} and
     * {@code options} added, and every JVM logging what it receives over Aeron.
     */
    private static ClusterRun runWithGradientSharing(String name, String command, int port, List<String> options)
            throws Exception {
        seedWithLocalSynthetic(name);
        List<String> all = new ArrayList<>(List.of("--set", "training.master=gradient_sharing",
                "--set", "training.port=" + port));
        all.addAll(options);
        Path aeron = Files.createDirectories(DIR.resolve(name).resolve("aeron"));
        // The driver is the mesh's root; each JVM runs its own Aeron media driver in a folder of its own.
        return runOnCluster(name, command, all,
                List.of("-Daeron.dir=" + aeron.resolve("driver"), "-Dlog4j2.configurationFile=" + meshLogConfig()),
                List.of("-Daeron.dir=" + aeron.resolve("{{EXECUTOR_ID}}"),
                        "-Dlog4j2.configurationFile=" + meshLogConfig()),
                events -> {
                });
    }

    /** A UDP port free on every loopback address, for the mesh (other builds on this machine may use 40123). */
    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The tests' logging (the cluster jar holds no logging configuration, and the test classpath is not on the
     * cluster), plus what the assertions read in the executors' logs: Spark's task start and end lines, and each
     * executor's parameter samples under gradient sharing.
     */
    private static Path clusterLogConfig() throws IOException {
        Path file = DIR.resolve("log4j2-cluster.properties");
        if (!Files.exists(file)) {
            String base = Files.readString(PROJECT.resolve("spark-jobs/src/test/resources/log4j2-test.properties"));
            Files.writeString(file, base + """

                    logger.tasks.name = org.apache.spark.executor.Executor
                    logger.tasks.level = info
                    logger.samples.name = io.sparkdistill.jobs.train.ExecutorParameterSample
                    logger.samples.level = debug
                    logger.threshold.name = org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold
                    logger.threshold.level = info
                    """);
        }
        return file;
    }

    /**
     * The cluster runs' logging, plus DL4J's transport at debug (it logs every message it receives, with its type
     * and the node that sent it) and the mesh at info.
     */
    private static Path meshLogConfig() throws IOException {
        Path file = DIR.resolve("log4j2-mesh.properties");
        if (!Files.exists(file)) {
            String base = Files.readString(clusterLogConfig());
            Files.writeString(file, base + """

                    logger.aeron.name = org.nd4j.parameterserver.distributed.v2.transport.impl.AeronUdpTransport
                    logger.aeron.level = debug
                    logger.mesh.name = org.nd4j.parameterserver.distributed.v2
                    logger.mesh.level = info
                    logger.shared.name = org.deeplearning4j.spark.parameterserver
                    logger.shared.level = info
                    logger.consumer.name = org.deeplearning4j.spark.parameterserver.networking.v2.UpdatesConsumer
                    logger.consumer.level = debug
                    """);
        }
        return file;
    }

    /** Per message type, per sender address: what the JVMs logging to {@code logs} received over Aeron. */
    private static Map<String, Map<String, Integer>> messagesReceived(List<Path> logs) {
        Map<String, Map<String, Integer>> received = new TreeMap<>();
        for (Path log : logs) {
            Matcher m = RECEIVED_LINE.matcher(StandaloneCluster.read(log));
            while (m.find()) {
                received.computeIfAbsent(m.group(1), t -> new TreeMap<>()).merge(m.group(2), 1, Integer::sum);
            }
        }
        return received;
    }

    /** The ports the senders of the messages that the JVMs logging to {@code logs} received listen on. */
    private static Set<Integer> senderPorts(List<Path> logs) {
        Set<Integer> ports = new TreeSet<>();
        for (Path log : logs) {
            Matcher m = RECEIVED_LINE.matcher(StandaloneCluster.read(log));
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(3)));
            }
        }
        return ports;
    }

    private static void copyInput() throws IOException {
        Path data = Files.createDirectories(DIR.resolve("data"));
        for (Map.Entry<String, Integer> split : ROWS.entrySet()) {
            List<String> lines = Files.readAllLines(PROJECT.resolve("data-samples/customer-support/"
                    + split.getKey() + ".jsonl"));
            Files.write(data.resolve(split.getKey() + ".jsonl"), lines.subList(0, split.getValue()));
        }
    }

    /** conf/customer-support.yaml on the small input, writing run {@code run}, on {@code master}. */
    private static String config(String run, String master, Map<String, String> sparkConf) throws IOException {
        String yaml = Files.readString(PROJECT.resolve("conf/customer-support.yaml"));
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put("../data-samples/customer-support/", DIR.resolve("data") + "/");
        replacements.put("dir: ../runs", "dir: " + DIR.resolve("runs") + "\n  run_name: " + run);
        // Fewer head iterations and epochs than the shipped job, the same on both sides: each iteration and epoch
        // is a few Spark jobs. Smaller minibatches at a larger step still give the student enough updates on 240
        // rows to settle, so that local and cluster runs land close together.
        replacements.put("head_max_iterations: 200", "head_max_iterations: 20");
        replacements.put("learning_rate: 0.01\n  batch_size: 32", "learning_rate: 0.05\n  batch_size: 8");
        replacements.put("num_epochs: 10", "num_epochs: 3");
        replacements.put("latency_examples: 300", "latency_examples: 50");
        replacements.put("warmup_examples: 100", "warmup_examples: 20");
        replacements.put("master: local[*]", "master: " + master);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            assertTrue(yaml.contains(r.getKey()), "conf/customer-support.yaml has '" + r.getKey() + "'");
            yaml = yaml.replace(r.getKey(), r.getValue());
        }
        StringBuilder conf = new StringBuilder(yaml.endsWith("\n") ? "" : "\n").append("  conf:\n");
        sparkConf.forEach((k, v) -> conf.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        return sparkConf.isEmpty() ? yaml : yaml + conf;
    }

    /** The reference: the same job on this JVM's local[2] session. */
    private static Path runLocally() throws IOException {
        RunContext context = RunContext.create(ConfigLoader.parse(config("local", "local[2]", Map.of()),
                "cluster test, local"), SharedSpark.session());
        new GenerateJob(context).run();
        new TrainJob(context).run();
        new EvaluateJob(context).run();
        return Path.of(context.layout().root());
    }

    /**
     * Runs {@code DistillMain <command>} in a driver JVM against the cluster; {@code whileRunning} is called every
     * 200 ms with the run's event log folder until the driver exits.
     */
    private static ClusterRun runOnCluster(String name, String command, ThrowingConsumer<Path> whileRunning)
            throws Exception {
        return runOnCluster(name, command, List.of(), List.of(), List.of(), whileRunning);
    }

    /**
     * As above, with {@code options} added to the command line, {@code driverFlags} to the driver JVM's and
     * {@code executorFlags} to the executors' flags (after the inherited ones, so that they win).
     */
    private static ClusterRun runOnCluster(String name, String command, List<String> options, List<String> driverFlags,
                                           List<String> executorFlags, ThrowingConsumer<Path> whileRunning)
            throws Exception {
        Path runFolder = Files.createDirectories(DIR.resolve(name));
        Path events = Files.createDirectories(runFolder.resolve("events"));
        Path logs = runFolder.resolve("logs");
        Map<String, String> sparkConf = new LinkedHashMap<>();
        // The cluster jar, read in place as a jar already on every node (spark-submit's local: scheme): shipping it
        // through spark.jars would have each executor copy 120 MB into its work folder, for nothing on one machine.
        // The worker adds Spark's jars ($SPARK_HOME/jars/*). The executors' JVM flags are this JVM's: Spark's module
        // opens, native caches inside target/; and the tests' logging.
        sparkConf.put("spark.executor.extraClassPath", clusterJar.toString());
        List<String> executorOptions = new ArrayList<>(ChildJvm.inheritedFlags());
        executorOptions.add("-Dlog4j2.configurationFile=" + clusterLogConfig());
        executorOptions.addAll(executorFlags);
        sparkConf.put("spark.executor.extraJavaOptions", String.join(" ", executorOptions));
        sparkConf.put("spark.executor.memory", "1g");
        sparkConf.put("spark.executor.cores", "1");
        sparkConf.put("spark.driver.host", "127.0.0.1");
        sparkConf.put("spark.driver.bindAddress", "127.0.0.1");
        sparkConf.put("spark.ui.enabled", "false");
        sparkConf.put("spark.eventLog.enabled", "true");
        sparkConf.put("spark.eventLog.dir", events.toUri().toString());
        sparkConf.put("spark.hadoop.hadoop.tmp.dir", System.getProperty("java.io.tmpdir"));
        Path config = runFolder.resolve("job.yaml");
        Files.writeString(config, config(name, cluster.masterUrl(), sparkConf));

        long start = System.nanoTime();
        List<String> flags = new ArrayList<>(List.of("-Xlog:gc:file=" + logs.resolve("driver-gc.log"),
                "-Dlog4j2.configurationFile=" + clusterLogConfig()));
        flags.addAll(driverFlags);
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString()));
        args.addAll(options);
        Process driver = ChildJvm.start("driver", logs, DRIVER_HEAP, cluster.applicationClasspath(clusterJar), flags,
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"), "io.sparkdistill.jobs.cli.DistillMain", args);
        try {
            // A guard against a hung run, not a speed check: a run takes 1 to 3 minutes on an idle machine; at a load
            // of 25-28 on this 2-core machine generate alone took 6 minutes and the whole run about 10.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!driver.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the driver did not finish in 15 minutes; see " + logs);
                }
                whileRunning.accept(events);
            }
        } finally {
            ChildJvm.destroyTree(driver.toHandle());
        }
        return new ClusterRun(driver.exitValue(), DIR.resolve("runs").resolve(name), logs,
                EventLog.readOnlyLogIn(events), (System.nanoTime() - start) / 1e9);
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    /** True once an executor of the application logging to {@code events} on worker {@code w} began to encode. */
    private static boolean encodingStarted(int w, Path events) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(events)) {
            List<Path> apps = files.filter(p -> p.getFileName().toString().startsWith("app-")).toList();
            if (apps.isEmpty()) {
                return false;
            }
            logs = cluster.executorLogs(w, apps.get(0).getFileName().toString().replace(".inprogress", ""));
        }
        return logs.stream().anyMatch(log -> ENCODER_LINE.matcher(StandaloneCluster.read(log)).find());
    }

    /** Per executor id, the teacher load count each encoded partition saw, from the executors' own logs. */
    private static Map<String, List<Integer>> encoderLoads(String appId) throws IOException {
        Map<String, List<Integer>> loads = new TreeMap<>();
        for (int w = 0; w < cluster.workerCount(); w++) {
            for (Path log : cluster.executorLogs(w, appId)) {
                Matcher m = ENCODER_LINE.matcher(StandaloneCluster.read(log));
                while (m.find()) {
                    loads.computeIfAbsent(m.group(1), e -> new ArrayList<>()).add(Integer.parseInt(m.group(3)));
                }
            }
        }
        return loads;
    }

    /**
     * How far two executors' copies of each student ended apart, against how far they moved, read from each
     * executor's parameter samples ({@code ExecutorParameterSample}: the same evenly spaced parameters when each fit
     * starts and ends); per student, how far the copy that moved least moved from its start, and how far apart the
     * two copies end. Printed with {@code label}.
     */
    private static Map<String, double[]> parameterDistances(String label, ClusterRun run) throws IOException {
        // Per student, per executor, in log order: the samples at fit start and at fit end.
        Map<String, Map<String, List<double[]>>> starts = new TreeMap<>();
        Map<String, Map<String, List<double[]>>> ends = new TreeMap<>();
        for (int w = 0; w < cluster.workerCount(); w++) {
            for (Path log : cluster.executorLogs(w, run.events().appId())) {
                Matcher m = SAMPLE_LINE.matcher(StandaloneCluster.read(log));
                while (m.find()) {
                    double[] sample = Stream.of(m.group(4).split(",")).mapToDouble(Double::parseDouble).toArray();
                    ("start".equals(m.group(3)) ? starts : ends).computeIfAbsent(m.group(1), k -> new TreeMap<>())
                            .computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(sample);
                }
            }
        }
        assertEquals(Set.of("baseline", "distilled"), ends.keySet(), "both students' executors logged samples");
        Map<String, double[]> distances = new TreeMap<>();
        for (String student : ends.keySet()) {
            List<String> executors = new ArrayList<>(ends.get(student).keySet());
            assertEquals(2, executors.size(), "both executors trained the " + student + " student: " + executors);
            double[] startA = starts.get(student).get(executors.get(0)).get(0);
            double[] startB = starts.get(student).get(executors.get(1)).get(0);
            double[] endA = last(ends.get(student).get(executors.get(0)));
            double[] endB = last(ends.get(student).get(executors.get(1)));
            double apart = distance(endA, endB);
            double moved = Math.min(distance(startA, endA), distance(startB, endB));
            System.out.printf("[cluster] %s, %s student: the executors' copies started %.4f apart, "
                    + "the one that moved least moved %.4f over %d fits, and they end %.4f apart (%.3f of the move)%n",
                    label, student, distance(startA, startB), moved, ends.get(student).get(executors.get(0)).size(),
                    apart, apart / moved);
            distances.put(student, new double[] {moved, apart});
        }
        return distances;
    }

    private static double[] last(List<double[]> samples) {
        return samples.get(samples.size() - 1);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    /** The {@code -cp} of each executor worker {@code w} launched for {@code appId}, from the executor's stderr. */
    private static List<String> executorClasspaths(int w, String appId) throws IOException {
        List<String> classpaths = new ArrayList<>();
        for (Path log : cluster.executorLogs(w, appId)) {
            Matcher m = EXECUTOR_COMMAND.matcher(StandaloneCluster.read(log));
            if (m.find()) {
                classpaths.add(m.group(1));
            }
        }
        return classpaths;
    }

    // ---- the outputs ----

    private static void assertSameSynthetic(Path expected, Path actual) {
        SparkSession spark = SharedSpark.session();
        Map<String, Set<String>> want = idsBySplit(spark, expected);
        Map<String, Set<String>> got = idsBySplit(spark, actual);
        Map<String, Integer> wantCounts = new TreeMap<>();
        want.forEach((split, ids) -> wantCounts.put(split, ids.size()));
        Map<String, Integer> gotCounts = new TreeMap<>();
        got.forEach((split, ids) -> gotCounts.put(split, ids.size()));
        assertEquals(Map.of("train", 240, "validation", 60, "test", 100), wantCounts, "local mode wrote every row");
        assertEquals(wantCounts, gotCounts, "same rows per split");
        assertEquals(want, got, "same ids per split");
        assertEquals(spark.read().parquet(actual.resolve("synthetic").toString()).count(),
                got.values().stream().mapToLong(Set::size).sum(), "no id written twice");
    }

    private static Map<String, Set<String>> idsBySplit(SparkSession spark, Path run) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Row row : spark.read().parquet(run.resolve("synthetic").toString()).select("split", "id")
                .collectAsList()) {
            ids.computeIfAbsent(row.getString(0), s -> new TreeSet<>()).add(row.getString(1));
        }
        return ids;
    }

    /** The largest heap occupancy after a collection in a unified JVM GC log ({@code -Xlog:gc}): "123M->83M(217M)". */
    private static long peakHeapAfterGcMegabytes(Path gcLog) throws IOException {
        Matcher m = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    private static double distilledAccuracy(Path run) throws IOException {
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        return metrics.at("/models/distilled/scores/accuracy").asDouble();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
