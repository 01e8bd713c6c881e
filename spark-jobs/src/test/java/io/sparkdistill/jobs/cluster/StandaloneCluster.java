package io.sparkdistill.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback: one master and N workers, each its own JVM started from the test
 * classpath. Workers launch executors as further JVMs; their work folders (executor logs) live under {@code dir}.
 *
 * <p>SPARK_HOME is a folder inside target/ whose {@code jars/} links Spark's jars ({@link ClusterJar#sparkJars()}); a
 * worker builds each executor's classpath from the application's {@code spark.executor.extraClassPath} plus
 * {@code $SPARK_HOME/jars/*}, as on a real cluster.
 *
 * <p>Each worker has an address of its own, as it would on its own machine: the master on 127.0.0.1, worker
 * {@code i} on 127.0.0.(2+i) (Linux routes all of 127.0.0.0/8 to loopback). Its environment is what a host's
 * {@code conf/spark-env.sh} would export, and its executors inherit it: {@code SPARK_LOCAL_IP}, and
 * {@code DL4J_VOID_IP}, the address DL4J's gradient sharing announces to its mesh (DL4J tells nodes apart by
 * address, so executors that all announced 127.0.0.1 would never hear from each other).
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOPBACK = "127.0.0.1";

    private final Path dir;
    private final int port;
    private final int webUiPort;
    private final Process master;
    private final Path sparkHome;
    private final String memory;
    private final int cores;
    private final List<Process> workers = new ArrayList<>();
    private final Thread reaper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StandaloneCluster(Path dir, Path sparkHome, int cores, String memory, int port, int webUiPort,
                              Process master) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.cores = cores;
        this.memory = memory;
        this.port = port;
        this.webUiPort = webUiPort;
        this.master = master;
        // If the test JVM dies without reaching @AfterAll, the daemons die with it.
        this.reaper = new Thread(this::destroyAll, "standalone-cluster-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts the master and {@code workers} workers of {@code cores} cores and {@code memory} each; waits until all are alive. */
    public static StandaloneCluster start(Path dir, int workers, int cores, String memory) throws IOException,
            InterruptedException {
        Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (Path jar : ClusterJar.sparkJars()) {
            Path link = jars.resolve(jar.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        Path sparkHome = jars.getParent();
        int port = freePort();
        int webUiPort = freePort();
        Process master = ChildJvm.start("master", dir.resolve("logs"), "256m", List.of(),
                daemonEnv(sparkHome, LOOPBACK), "org.apache.spark.deploy.master.Master",
                List.of("--host", LOOPBACK, "--port", String.valueOf(port), "--webui-port", String.valueOf(webUiPort)));
        StandaloneCluster cluster = new StandaloneCluster(dir, sparkHome, cores, memory, port, webUiPort, master);
        try {
            for (int i = 0; i < workers; i++) {
                cluster.workers.add(cluster.startWorker(i, "worker-" + i));
            }
            // A guard, not a speed check: at a load of 28 on this 2-core machine the master took 3 minutes to start.
            cluster.awaitAliveWorkers(workers, Duration.ofMinutes(5));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private Process startWorker(int i, String logName) throws IOException {
        Path work = Files.createDirectories(workDir(i));
        Map<String, String> env = new HashMap<>(daemonEnv(sparkHome, workerHost(i)));
        env.put("DL4J_VOID_IP", workerHost(i));
        return ChildJvm.start(logName, dir.resolve("logs"), "256m", List.of(), env,
                "org.apache.spark.deploy.worker.Worker",
                List.of("--host", workerHost(i), "--cores", String.valueOf(cores), "--memory", memory,
                        "--webui-port", "0", "--work-dir", work.toString(), masterUrl()));
    }

    /** The application's classpath as spark-submit gives a driver: {@code jar} and the installation's jars. */
    public String applicationClasspath(Path jar) {
        return jar + java.io.File.pathSeparator + sparkHome.resolve("jars") + "/*";
    }

    private static Map<String, String> daemonEnv(Path sparkHome, String host) {
        return Map.of("SPARK_HOME", sparkHome.toString(),
                // Spark's launcher asks for the Scala version of a Spark build folder; there is none here.
                "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", host);
    }

    /** Worker {@code i}'s own address, which its executors bind to and announce. */
    public static String workerHost(int i) {
        return "127.0.0." + (2 + i);
    }

    public String masterUrl() {
        return "spark://" + LOOPBACK + ":" + port;
    }

    /** Worker {@code i}'s work folder: {@code <app id>/<executor id>/stdout|stderr}. */
    public Path workDir(int i) {
        return dir.resolve("work/worker-" + i);
    }

    public Process worker(int i) {
        return workers.get(i);
    }

    public int workerCount() {
        return workers.size();
    }

    /** The master's state as its web UI serves it at {@code /json/}: workers, their state, applications. */
    public JsonNode masterState() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + webUiPort + "/json/"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    }

    public int aliveWorkers() throws IOException, InterruptedException {
        int alive = 0;
        for (JsonNode worker : masterState().path("workers")) {
            if ("ALIVE".equals(worker.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    /** Kills worker {@code i} and the executor JVMs it launched, as a lost machine would. */
    public void killWorker(int i) {
        ChildJvm.destroyTree(workers.get(i).toHandle());
    }

    /** Starts a killed worker {@code i} again, as a replaced machine would join, and waits until all are alive. */
    public void restartWorker(int i) throws IOException, InterruptedException {
        if (workers.get(i).isAlive()) {
            throw new IllegalStateException("worker " + i + " is still running");
        }
        workers.set(i, startWorker(i, "worker-" + i + "-restarted-" + System.currentTimeMillis()));
        awaitAliveWorkers(workers.size(), Duration.ofSeconds(90));
    }

    /** Every executor log file (stdout and stderr) of application {@code appId} on worker {@code i}. */
    public List<Path> executorLogs(int i, String appId) throws IOException {
        Path app = workDir(i).resolve(appId);
        if (!Files.isDirectory(app)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(app, 2)) {
            return files.filter(p -> p.getFileName().toString().matches("stdout|stderr")).sorted().toList();
        }
    }

    private void awaitAliveWorkers(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the Spark master exited; see " + dir.resolve("logs/master.err"));
            }
            try {
                int alive = aliveWorkers();
                if (alive == expected) {
                    return;
                }
                last = alive + " alive workers";
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not get " + expected + " alive workers in " + timeout
                + " (" + last + "); see the logs in " + dir.resolve("logs"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private void destroyAll() {
        for (Process worker : workers) {
            ChildJvm.destroyTree(worker.toHandle());
        }
        ChildJvm.destroyTree(master.toHandle());
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /** Reads a whole small text file, for log assertions. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
