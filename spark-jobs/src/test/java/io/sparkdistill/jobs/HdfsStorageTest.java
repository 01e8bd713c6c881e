package io.sparkdistill.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.evaluate.EvaluateJob;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.train.TrainJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run folders on HDFS: an in-process MiniDFSCluster (a NameNode and a DataNode in this JVM), read and written by the
 * tests' local Spark session through full {@code hdfs://host:port} URLs, as a job on a Hadoop cluster names them.
 * The whole pipeline runs there, and writes that fail part way leave nothing a later stage would take as complete.
 */
@Tag("slow")
class HdfsStorageTest {
    private static final Map<String, Integer> ROWS = Map.of("train", 120, "validation", 30, "test", 50);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MiniDFSCluster dfs;
    private static FileSystem hdfs;
    private static String root;

    @BeforeAll
    static void startHdfsWithTheInputOnIt() throws Exception {
        Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "minidfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        // A task of the failing writes below fails on the row with id 99, as a lost executor or a bad row would.
        SharedSpark.session().udf().register("fail_on_99", (UDF1<Long, Long>) id -> {
            if (id == 99) {
                throw new IllegalStateException("planted failure at id 99");
            }
            return id;
        }, DataTypes.LongType);
        hdfs = dfs.getFileSystem();
        root = dfs.getURI() + "/distill";
        for (Map.Entry<String, Integer> split : ROWS.entrySet()) {
            List<String> lines = Files.readAllLines(TestJobs.PROJECT.resolve("data-samples/customer-support/"
                    + split.getKey() + ".jsonl")).subList(0, split.getValue());
            try (var out = hdfs.create(new org.apache.hadoop.fs.Path(root + "/input/" + split.getKey() + ".jsonl"))) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown(true);
        }
    }

    @Test
    void generateTrainAndEvaluateReadAndWriteHdfs() throws Exception {
        String yaml = Files.readString(TestJobs.PROJECT.resolve("conf/customer-support.yaml"))
                .replace("../data-samples/customer-support/", root + "/input/")
                .replace("dir: ../runs", "dir: " + root + "/runs")
                .replace("head_max_iterations: 200", "head_max_iterations: 50")
                .replace("num_epochs: 10", "num_epochs: 2")
                .replace("latency_examples: 300", "latency_examples: 20")
                .replace("warmup_examples: 100", "warmup_examples: 10");
        JobConfig config = ConfigLoader.parse(yaml, "customer-support on hdfs");
        assertTrue(config.data().train().startsWith("hdfs://"), config.data().train());
        SparkSession spark = SharedSpark.session();
        RunContext context = RunContext.create(config, spark);
        RunLayout layout = context.layout();
        assertTrue(layout.root().startsWith(dfs.getURI() + "/"), layout.root());

        GenerateSummary generated = new GenerateJob(context).run();
        new TrainJob(context).run();
        String report = new EvaluateJob(context).run();

        long rows = ROWS.values().stream().mapToLong(Integer::longValue).sum();
        assertEquals(rows, generated.generated(), "every input row answered by the teacher");
        assertEquals(rows, spark.read().parquet(layout.synthetic()).count(), "the synthetic Parquet on HDFS");
        assertEquals(ROWS.get("test").longValue(), spark.read().parquet(layout.predictions()).count(),
                "one prediction per test row on HDFS");
        for (String written : List.of(layout.synthetic() + "/_SUCCESS", layout.predictions() + "/_SUCCESS",
                layout.teacherHead(), layout.generateSummary(), layout.trainSummary(),
                layout.model(RunLayout.DISTILLED) + "/student.zip", layout.model(RunLayout.DISTILLED) + "/student.json",
                layout.model(RunLayout.BASELINE) + "/student.zip", layout.metrics(), layout.report())) {
            assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(written)), written + " is on HDFS");
        }
        assertEquals(layout.report(), report);
        JsonNode metrics = JSON.readTree(context.storage().readString(layout.metrics()));
        assertEquals(ROWS.get("test").intValue(), metrics.at("/models/distilled/scores/count").asInt(-1),
                "the evaluation scored the test split read back from HDFS: " + metrics.at("/models/distilled/scores"));
    }

    @Test
    void aSparkWriteThatFailsLeavesNoDatasetThatReadsAsComplete() throws Exception {
        String target = root + "/atomic/first-write";
        RunStorage storage = new RunStorage(SharedSpark.session().sparkContext().hadoopConfiguration());

        assertThrows(Exception.class, () -> failingRows(0).write().mode(SaveMode.Append).partitionBy("split")
                .parquet(target));

        assertFalse(storage.isCompleteDataset(target), "no _SUCCESS after a failed write");
        assertEquals(List.of(), visibleDataFiles(target), "no part file where a reader would find it");
    }

    @Test
    void aFailedAppendLeavesTheCompleteDatasetAsItWas() throws Exception {
        String target = root + "/atomic/appended";
        SparkSession spark = SharedSpark.session();
        RunStorage storage = new RunStorage(spark.sparkContext().hadoopConfiguration());
        rows(1000).write().mode(SaveMode.Append).partitionBy("split").parquet(target);
        List<String> before = visibleDataFiles(target);

        assertThrows(Exception.class, () -> failingRows(0).write().mode(SaveMode.Append).partitionBy("split")
                .parquet(target));

        assertTrue(storage.isCompleteDataset(target), "the earlier complete write still reads as complete");
        assertEquals(before, visibleDataFiles(target), "the failed append added no file");
        assertEquals(100, spark.read().parquet(target).count(), "exactly the earlier rows");
    }

    @Test
    void aModelUploadThatFailsPartWayKeepsThePreviousModel() throws Exception {
        String models = root + "/atomic/models";
        String target = models + "/distilled";
        RunStorage storage = new RunStorage(hdfs.getConf());
        storage.uploadFolder(localFolder("v1", 2), target);
        // The namespace quota of models/ (itself, distilled/ and its two files, plus one name) stops the next copy
        // part way, as a full quota does on a real cluster.
        hdfs.setQuota(new org.apache.hadoop.fs.Path(models), 5, HdfsConstants.QUOTA_DONT_SET);
        try {
            assertThrows(UncheckedIOException.class, () -> storage.uploadFolder(localFolder("v2", 4), target));
        } finally {
            hdfs.setQuota(new org.apache.hadoop.fs.Path(models), HdfsConstants.QUOTA_RESET,
                    HdfsConstants.QUOTA_DONT_SET);
        }

        assertEquals("v1 file 0", storage.readString(target + "/file-0.txt"), "the previous model, whole");
        assertEquals("v1 file 1", storage.readString(target + "/file-1.txt"));
        assertEquals(List.of("distilled"), Arrays.stream(hdfs.listStatus(new org.apache.hadoop.fs.Path(models)))
                .map(f -> f.getPath().getName()).toList(), "nothing half-copied left beside it");

        storage.uploadFolder(localFolder("v3", 3), target);
        assertEquals("v3 file 2", storage.readString(target + "/file-2.txt"), "a later upload replaces it");
        assertFalse(storage.exists(target + "/file-3.txt"));
    }

    private static Dataset<Row> rows(long firstId) {
        return SharedSpark.session().range(firstId, firstId + 100).toDF("id")
                .withColumn("split", col("id").mod(3).cast("string"));
    }

    /** 100 rows over four partitions; the task holding id 99 fails after the others may have written theirs. */
    private static Dataset<Row> failingRows(long firstId) {
        return rows(firstId).repartition(4).withColumn("id", call_udf("fail_on_99", col("id")));
    }

    /** Parquet files a reader of {@code dataset} would list: none under a hidden (_ or .) folder. */
    private static List<String> visibleDataFiles(String dataset) throws Exception {
        List<String> files = new java.util.ArrayList<>();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dataset);
        if (!hdfs.exists(root)) {
            return files;
        }
        var it = hdfs.listFiles(root, true);
        while (it.hasNext()) {
            String relative = it.next().getPath().toUri().getPath().substring(root.toUri().getPath().length());
            boolean hidden = Arrays.stream(relative.split("/")).anyMatch(p -> p.startsWith("_") || p.startsWith("."));
            if (!hidden && relative.endsWith(".parquet")) {
                files.add(relative);
            }
        }
        files.sort(null);
        return files;
    }

    private static Path localFolder(String version, int files) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), version + "-");
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve("file-" + i + ".txt"), version + " file " + i);
        }
        return dir;
    }
}
