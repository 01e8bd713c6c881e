package io.sparkdistill.jobs.cli;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.jobs.cluster.ChildJvm;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.StudentNetwork;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit codes and the one {@code error:} line of the "Errors" probes: what the user can fix exits 2 saying
 * what to do, whatever wraps it (Spark, Hadoop); anything else exits 1 with one summary line, its stack trace in the
 * log file, or on stderr too with {@code --verbose}.
 */
@Tag("slow")
class FailureExitCodesTest {
    private static final Path TEST_LOG = Path.of("target", "test-logs", "distill.log");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DistillMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int fail(Throwable failure, boolean verbose) {
        return DistillMain.fail(failure, verbose, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Exactly one line of stderr starts with "error:", no stack frame is printed; returns that line. */
    private String oneErrorLine() {
        List<String> lines = stderr().lines().toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), stderr());
        assertFalse(lines.stream().anyMatch(l -> l.strip().startsWith("at ")), "no stack trace: " + stderr());
        return errors.get(0);
    }

    /** How Spark hands the driver an executor's exception: as the cause of a job abort. */
    private static SparkException jobAborted(Throwable cause) {
        return new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most recent "
                + "failure: Lost task 0.0 in stage 3.0 (TID 3): " + cause
                + "\n\tat org.example.Frame.call(Frame.java:1)",
                cause);
    }

    @Test
    void aPermissionDeniedByHadoopInsideASparkJobExitsTwoSayingWhatToDo() {
        assertEquals(2, fail(jobAborted(new AccessControlException("Permission denied: user=etl, access=WRITE, "
                + "inode=\"/runs\":hdfs:supergroup:drwxr-xr-x")), false));
        String line = oneErrorLine();
        assertTrue(line.startsWith("error: permission denied: Permission denied: user=etl, access=WRITE"), line);
        assertTrue(line.contains("choose another output.dir"), line);
    }

    @Test
    void aFileInTheWayExitsTwo() {
        assertEquals(2, fail(jobAborted(new FileAlreadyExistsException("file:/runs/x/synthetic already exists")),
                false));
        assertTrue(oneErrorLine().contains("a file is in the way: file:/runs/x/synthetic already exists"), stderr());
    }

    @Test
    void anUnknownHostWrappedByHadoopExitsTwoNamingTheHost() {
        assertEquals(2, fail(new IllegalArgumentException(new UnknownHostException("namenode-typo")), false));
        assertTrue(oneErrorLine().startsWith("error: unknown host 'namenode-typo': check the host names"), stderr());
    }

    @Test
    void aFullDiskExitsTwo() throws Exception {
        var constructor = FSError.class.getDeclaredConstructor(Throwable.class);
        constructor.setAccessible(true);
        FSError diskFull = constructor.newInstance(new IOException("No space left on device"));
        assertEquals(2, fail(jobAborted(diskFull), false));
        assertTrue(oneErrorLine().contains("No space left on device); free space"), stderr());

        err.reset();
        assertEquals(2, fail(new IOException("write failed: No space left on device"), false));
        assertTrue(oneErrorLine().startsWith("error: the file system failed to write"), stderr());
    }

    @Test
    void aUserErrorThrownOnAnExecutorIsUnwrappedFromTheSparkJobThatFailed() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        SparkException failure = assertThrows(SparkException.class, () -> sc.parallelize(List.of(1, 2), 2)
                .map(i -> {
                    if (i == 2) {
                        throw new InputException("row 2 of train.jsonl: no text; fix the row");
                    }
                    return i;
                }).collect());
        assertEquals(2, fail(failure, false));
        assertEquals("error: row 2 of train.jsonl: no text; fix the row", oneErrorLine());
    }

    @Test
    void anInternalFailureExitsOneWithOneSummaryLineAndItsStackTraceInTheLogFileOnly() throws Exception {
        IllegalStateException bug = new IllegalStateException("slot 3 of 2\nsecond line of detail");
        assertEquals(1, fail(jobAborted(bug), false));
        String line = oneErrorLine();
        assertTrue(line.startsWith("error: the run failed on an internal error, IllegalStateException: slot 3 of 2 "
                + "(the stack trace is in "), line);
        assertTrue(line.endsWith(", or run again with --verbose)"), line);
        assertEquals(1, stderr().lines().count(), stderr());
        String log = Files.readString(TEST_LOG);
        assertTrue(log.contains("java.lang.IllegalStateException: slot 3 of 2"), "the log file has the stack trace");
        assertTrue(log.contains("at io.sparkdistill.jobs.cli.FailureExitCodesTest"), "with its frames");
    }

    @Test
    void verbosePrintsTheStackTraceBeforeTheErrorLine() {
        assertEquals(1, fail(new IllegalStateException("slot 3 of 2"), true));
        assertTrue(stderr().contains("\tat io.sparkdistill.jobs.cli.FailureExitCodesTest"), stderr());
        assertTrue(stderr().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("error: the run failed"));
    }

    @Test
    void trainWithoutSyntheticDataExitsTwoSayingToRunGenerateFirst() throws Exception {
        SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        Path config = Files.writeString(data.resolve("job.yaml"), TestJobs.yaml("customer-support", data));
        assertEquals(2, run("train", "--config", config.toString()));
        String line = oneErrorLine();
        assertTrue(line.startsWith("error: no synthetic data in ") && line.contains("run the generate stage first"),
                line);
    }

    @Test
    void aCorruptParquetFileInTheRunFolderExitsTwoNamingTheFile() throws Exception {
        SharedSpark.session();
        Path data = TestJobs.copySamples("customer-support");
        Path config = Files.writeString(data.resolve("job.yaml"), TestJobs.yaml("customer-support", data));
        Path synthetic = Files.createDirectories(data.resolve("runs/customer-support/synthetic/split=train"));
        Files.writeString(synthetic.resolve("part-00000-c000.snappy.parquet"), "not parquet at all, a disk fault");
        Files.writeString(synthetic.getParent().resolve("_SUCCESS"), "");
        assertEquals(2, run("train", "--config", config.toString()));
        String line = oneErrorLine();
        assertTrue(line.startsWith("error: a data file cannot be read: ") && line.contains("part-00000-c000"), line);
        assertTrue(line.contains("Move the file away and run again"), line);
    }

    @Test
    void aMisspelledSparkMasterExitsTwoFromTheRealEntryPoint() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        Path config = Files.writeString(data.resolve("job.yaml"), TestJobs.yaml("customer-support", data));
        Path logs = data.resolve("logs");
        // A JVM of its own: this one's Spark context is running, and the master is only parsed when one starts.
        Process driver = ChildJvm.start("driver", logs, "512m", List.of(), Map.of(), DistillMain.class.getName(),
                List.of("generate", "--config", config.toString(), "--set", "spark.master=lokal[2]"));
        assertTrue(driver.waitFor(120, TimeUnit.SECONDS), "the driver ends");
        String stderr = Files.readString(logs.resolve("driver.err")) + Files.readString(logs.resolve("driver.out"));
        assertEquals(2, driver.exitValue(), stderr);
        List<String> errors = stderr.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(List.of("error: Could not parse Master URL: 'lokal[2]': set spark.master in the config (or "
                + "--master of spark-submit) to local[*], local[N], spark://host:port, yarn or k8s://..."), errors);
        assertFalse(stderr.contains("Exception in thread"), stderr);
    }

    @Test
    void predictRefusesAnEmptyText() throws Exception {
        Path model = savedStudent("classification", List.of("billing", "refund"));
        assertEquals(2, run("predict", "--model", model.toString(), "--text", " "));
        assertEquals("error: the text of a classification example is empty; give one non-empty --text per input, "
                + "in that order", oneErrorLine());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no answer");
    }

    @Test
    void predictRefusesTwoTextsForAClassificationStudentAndOneForAnNliStudent() throws Exception {
        Path classifier = savedStudent("classification", List.of("billing", "refund"));
        assertEquals(2, run("predict", "--model", classifier.toString(), "--text", "charged twice", "--text", "why"));
        assertTrue(oneErrorLine().startsWith("error: a classification student reads 1 text(s), [text] in that order, "
                + "but 2 were given"), stderr());

        err.reset();
        Path nli = savedStudent("nli", List.of("entailment", "neutral", "contradiction"));
        assertEquals(2, run("predict", "--model", nli.toString(), "--text", "A man plays."));
        assertTrue(oneErrorLine().startsWith("error: a nli student reads 2 text(s), [premise, hypothesis]"),
                stderr());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no answer");

        assertEquals(0, run("predict", "--model", nli.toString(), "--text", "A man plays.", "--text", "He plays."));
        assertTrue(List.of("entailment", "neutral", "contradiction")
                .contains(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow()));
    }

    /** An untrained fastText student of {@code task}, saved as training saves one. */
    private static Path savedStudent(String task, List<String> labels) throws IOException {
        StudentConfig config = StudentConfig.fastText(512, 16, 2, 4);
        StudentMetadata metadata = StudentMetadata.fastText("distilled", task, labels, config.buckets(),
                config.ngrams(), config.charNgrams(), config.dimension(), Hyperparameters.defaults().asMap(),
                null, Map.of());
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), task + "-student-");
        StudentModel.fromNetwork(StudentNetwork.create(config, Hyperparameters.defaults(), labels.size()), metadata)
                .save(folder);
        return folder;
    }
}
