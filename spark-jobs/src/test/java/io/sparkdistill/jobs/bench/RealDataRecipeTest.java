package io.sparkdistill.jobs.bench;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The shipped {@code conf/real-data-recipe.yaml} is exactly the real-data benchmark's job (issue 13, item 4): the
 * benchmark changes no key of it but those naming the data set, the seed and the run folder, whatever the data set.
 * Needs no fetched data: a config is read, never its files.
 */
class RealDataRecipeTest {
    private static final Path DATA = RealDataBenchmark.PROJECT.resolve("bench/real-data/data");
    private static final RealDataRecipe BENCHMARK = new RealDataRecipe(RealDataRecipe.SHIPPED, List.of());
    private static final Path RUNS = Path.of("target", "recipe-test").toAbsolutePath();

    @Test
    void theShippedRecipeIsTheBenchmarksJobOnFortunesWithSeedOneKeyForKeyButTheRunFolder() throws Exception {
        JobConfig shipped = ConfigLoader.load(RealDataRecipe.SHIPPED);
        List<String> fortunesLabels = List.of("art", "drugs", "education", "literature", "love", "sports");

        JobConfig benchmark = BENCHMARK.job(new RealDataRecipe.DataSet("fortunes", fortunesLabels,
                DATA.resolve("fortunes")), 1, RUNS, "fortunes-seed1");

        assertSameExcept(shipped, benchmark, Set.of("output"));
        assertEquals(RUNS.toString(), benchmark.output().dir());
        assertEquals("fortunes-seed1", benchmark.output().runName());
    }

    @Test
    void everyOtherDataSetGetsTheRecipeWithOnlyItsNameLabelsFilesAndSeedChanged() throws Exception {
        JobConfig shipped = ConfigLoader.load(RealDataRecipe.SHIPPED);
        List<String> eras = List.of("1790-1814", "1815-1839", "1990-2021");

        JobConfig sotu = BENCHMARK.job(new RealDataRecipe.DataSet("sotu", eras, DATA.resolve("sotu")), 3, RUNS,
                "sotu-seed3");

        assertSameExcept(shipped, sotu, Set.of("name", "labels", "data", "hyperparameters", "output"));
        assertSameExcept(shipped.data(), sotu.data(), Set.of("train", "validation", "test", "labelledSeed",
                "augmentation"));
        assertEquals(eras, sotu.labels());
        assertEquals(DATA.resolve("sotu/train.jsonl").toString(), sotu.data().train());
        assertEquals(3L, sotu.data().labelledSeed());
        assertEquals(3L, sotu.data().augmentation().seed());
        assertEquals(shipped.data().augmentation().copies(), sotu.data().augmentation().copies());
        assertSameExcept(shipped.hyperparameters(), sotu.hyperparameters(), Set.of("seed"));
        assertEquals(3L, sotu.hyperparameters().seed());
    }

    @Test
    void aSettingGivenToTheBenchmarkReachesEveryDataSetAlike() throws Exception {
        RealDataRecipe quick = new RealDataRecipe(RealDataRecipe.SHIPPED, List.of("hyperparameters.num_epochs=3"));

        for (String name : List.of("spam-assassin", "debian-sections")) {
            JobConfig job = quick.job(new RealDataRecipe.DataSet(name, List.of("a", "b"), DATA.resolve(name)), 1,
                    RUNS, name + "-seed1");
            assertEquals(3, job.hyperparameters().numEpochs(), name);
        }
        assertNotEquals(3, ConfigLoader.load(RealDataRecipe.SHIPPED).hyperparameters().numEpochs());
    }

    @Test
    void theShippedRecipeReadsTheSplitsThatFetchWritesForFortunes() {
        JobConfig shipped = ConfigLoader.load(RealDataRecipe.SHIPPED);

        assertEquals(DATA.resolve("fortunes/train.jsonl").toString(), shipped.data().train());
        assertEquals(DATA.resolve("fortunes/test.jsonl").toString(), shipped.data().test());
    }

    /** Every record component of {@code expected} and {@code actual} is equal, but those named in {@code except}. */
    private static void assertSameExcept(Record expected, Record actual, Set<String> except) throws Exception {
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            if (!except.contains(component.getName())) {
                assertEquals(component.getAccessor().invoke(expected), component.getAccessor().invoke(actual),
                        component.getName() + " differs between the shipped recipe and the benchmark's job");
            }
        }
    }
}
