package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.RunStorage;
import io.sparkdistill.teacher.api.ChatRequest;
import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.teacher.api.GenerationParameters;
import io.sparkdistill.teacher.batch.BatchFlavour;
import io.sparkdistill.teacher.batch.BatchRequestLine;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the Batch API input file for a run's pending examples: one {@link BatchRequestLine} per example under
 * {@code <run>/batch/input/} (text part files, each at most {@code maxRequestsPerFile} lines, so each part is one
 * upload within OpenAI's 50,000-requests-a-file limit), then {@code <run>/batch/manifest.json} recording the
 * template version and fingerprint the prompts were rendered with, so the answers can be recorded with the right
 * provenance when the output file is read back. The prompts are rendered on the executors; nothing is collected.
 */
public final class BatchInputExport {
    /** OpenAI's limit on requests in one batch input file. */
    public static final int MAX_REQUESTS_PER_FILE = 50_000;

    private BatchInputExport() {
    }

    /**
     * What a batch input file was written with.
     *
     * @param flavour             {@code openai} or {@code azure_openai}
     * @param url                 the url of every line (the {@code endpoint} to create the batch with)
     * @param model               {@code body.model}: the model, or the Azure global-batch deployment
     * @param task                the job's task
     * @param templateVersion     the prompt template's version ("+rationale" in rationale mode)
     * @param templateFingerprint the prompt template's fingerprint
     * @param requests            lines written
     * @param files               part files written (batches to create)
     * @param input               the folder of the part files
     * @param createdAt           ISO-8601 instant
     */
    public record Manifest(String flavour, String url, String model, String task, String templateVersion,
                           String templateFingerprint, long requests, int files, String input, String createdAt) {
    }

    /** {@code <run>/batch/input}. */
    public static String inputFolder(RunLayout layout) {
        return layout.root() + "/batch/input";
    }

    /** {@code <run>/batch/manifest.json}. */
    public static String manifestFile(RunLayout layout) {
        return layout.root() + "/batch/manifest.json";
    }

    /** The full {@code write} with {@link #MAX_REQUESTS_PER_FILE}, OpenAI's 50,000 lines a file. */
    public static Manifest write(SparkSession spark, RunLayout layout, JavaRDD<Example> pending,
                                 PromptTemplate template, GenerationParameters parameters, EndpointConfig endpoint,
                                 List<String> labels) {
        return write(spark, layout, pending, template, parameters, endpoint, labels, MAX_REQUESTS_PER_FILE);
    }

    /**
     * Writes the input lines and the manifest, replacing an earlier batch input of the run.
     *
     * @param template   the job's template, in the job's rationale mode (as generate uses it)
     * @param parameters the job's sampling parameters, sent in every body
     * @param endpoint   the teacher: gives the flavour (openai, azure-openai) and {@code body.model}
     * @param labels     the job's label set (classification, nli), else ignored
     * @throws IllegalArgumentException when the endpoint's provider has no Batch API
     */
    public static Manifest write(SparkSession spark, RunLayout layout, JavaRDD<Example> pending,
                                 PromptTemplate template, GenerationParameters parameters, EndpointConfig endpoint,
                                 List<String> labels, int maxRequestsPerFile) {
        if (maxRequestsPerFile < 1) {
            throw new IllegalArgumentException("maxRequestsPerFile must be at least 1, got " + maxRequestsPerFile);
        }
        BatchFlavour flavour = BatchFlavour.of(endpoint);
        PromptTemplate prompt = template;
        GenerationParameters sampling = parameters;
        EndpointConfig teacher = endpoint;
        List<String> labelSet = labels == null ? List.of() : List.copyOf(labels);
        JavaRDD<String> lines = pending.map(e -> BatchRequestLine.of(e.id(),
                new ChatRequest(prompt.render(e.inputs(), labelSet), sampling), teacher).toJson())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long requests = lines.count();
            int files = (int) Math.max(1, (requests + maxRequestsPerFile - 1) / maxRequestsPerFile);
            long perFile = maxRequestsPerFile;
            // Line i goes to file i / perFile: a Long key k < files lands in partition k of a HashPartitioner.
            JavaPairRDD<Long, String> numbered = lines.zipWithIndex()
                    .mapToPair(t -> new Tuple2<>(t._2() / perFile, t._1()));
            JavaRDD<String> parted = numbered.partitionBy(new HashPartitioner(files)).values();
            String input = inputFolder(layout);
            spark.createDataset(parted.rdd(), Encoders.STRING()).write().mode(SaveMode.Overwrite).text(input);
            Manifest manifest = new Manifest(flavour.name().toLowerCase(Locale.ROOT), flavour.url(),
                    endpoint.model(), template.task().configName(), template.version(), template.fingerprint(),
                    requests, files, input, Instant.now().toString());
            new RunStorage(spark.sparkContext().hadoopConfiguration())
                    .writeString(manifestFile(layout), JsonFiles.write(manifest));
            return manifest;
        } finally {
            lines.unpersist(false);
        }
    }
}
