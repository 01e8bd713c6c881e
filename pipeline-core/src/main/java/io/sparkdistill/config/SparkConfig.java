package io.sparkdistill.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Spark settings of the job.
 *
 * @param master     used only when neither spark-submit nor {@code spark.master} set one (default {@code local[*]})
 * @param partitions partitions the examples are spread over for generation and training (default 4)
 * @param conf       extra Spark properties, applied when the session is created here
 */
public record SparkConfig(String master, Integer partitions, Map<String, String> conf) implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("master", "used only when spark-submit did not set a master"),
            KeyDoc.of("partitions", "partitions for generation and training (text students average over fewer workers "
                    + "while each would fit under 50 minibatches an epoch)"),
            KeyDoc.of("conf", "extra Spark properties, for keys spark-submit did not set; `spark.hadoop.*` ones reach "
                    + "the Hadoop configuration (object-store settings, see `deploy/README.md`). They win over the "
                    + "project's own defaults: Kryo with the project's registrator, `spark.locality.wait` 0s (tasks "
                    + "are seconds of inference or training on small partitions, so none waits for the executor "
                    + "that caches its partition), `spark.scheduler.mode` FAIR (an API generate run writes one slice "
                    + "while the next one's requests go on), `spark.task.maxDirectResultSize` 64m (each parameter-"
                    + "averaging round's results, megabytes of parameters and Adam moments per worker, come back with "
                    + "their tasks instead of through the block manager), `spark.hadoop.fs.file.impl` "
                    + "`NioLocalFileSystem` (local folders: Hadoop's own file system without its native library "
                    + "starts a `chmod` process for every folder and file it writes; this one sets the same "
                    + "permissions through `java.nio`)"));

    public SparkConfig {
        master = master == null ? "local[*]" : master;
        partitions = partitions == null ? 4 : partitions;
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }

    public static SparkConfig defaults() {
        return new SparkConfig(null, null, null);
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(partitions > 0, "partitions", partitions, "a positive number");
    }
}
