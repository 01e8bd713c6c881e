package io.sparkdistill.config;

import java.io.Serializable;
import java.util.Map;

/**
 * Spark settings of the job.
 *
 * @param master     used only when neither spark-submit nor {@code spark.master} set one (default {@code local[*]})
 * @param partitions partitions the examples are spread over for generation and training (default 4)
 * @param conf       extra Spark properties, applied when the session is created here
 */
public record SparkConfig(String master, Integer partitions, Map<String, String> conf) implements Serializable {

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
