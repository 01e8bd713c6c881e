package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.config.JobConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real-data benchmark's one job template, {@code conf/real-data-recipe.yaml}, the same file users run: every data
 * set's job is that file with only the keys that name the data set and the run changed, given the way a user gives
 * them ({@code --set}), so the benchmark cannot hold a setting of its own for one data set (issue 13).
 *
 * @param file     the recipe
 * @param settings {@code key=value} overrides applied to every data set alike after the data set's own keys (quick
 *                 mode's shorter training, {@code -Dbench.set}); empty for the benchmark's real job
 */
record RealDataRecipe(Path file, List<String> settings) {
    /** The file in the repository; tests and benchmarks run in {@code spark-jobs}, one level below its root. */
    static final Path SHIPPED = Path.of("..", "conf", "real-data-recipe.yaml").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    RealDataRecipe {
        settings = List.copyOf(settings);
    }

    /** A data set as the recipe needs it: its name, its labels in the benchmark's order, its folder of splits. */
    record DataSet(String name, List<String> labels, Path folder) {
    }

    /** The recipe's job on one data set under one seed, writing to {@code outputDir/runName}. */
    JobConfig job(DataSet dataSet, long seed, Path outputDir, String runName) {
        List<String> sets = new ArrayList<>(List.of(
                "name=" + json(dataSet.name()),
                "labels=" + json(dataSet.labels()),
                "data.train=" + json(dataSet.folder().resolve("train.jsonl").toString()),
                "data.validation=" + json(dataSet.folder().resolve("validation.jsonl").toString()),
                "data.test=" + json(dataSet.folder().resolve("test.jsonl").toString()),
                "data.labelled_seed=" + seed,
                "data.augmentation.seed=" + seed,
                "hyperparameters.seed=" + seed,
                "output.dir=" + json(outputDir.toString()),
                "output.run_name=" + json(runName)));
        sets.addAll(settings);
        try {
            return ConfigLoader.parseFile(Files.readString(file), file.toString(), ConfigOverrides.of(Map.of(), sets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recipe " + file, e);
        }
    }

    /**
     * A value as JSON, which YAML reads as written: a label such as {@code no} stays a string, and a path with
     * {@code ": "} in it stays one value.
     */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + value, e);
        }
    }
}
