package io.sparkdistill.jobs.train;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.TestJobs;
import io.sparkdistill.jobs.generate.GenerateJob;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.student.SoftLabelMix;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.search.RecipeSearchRecord;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code search.mix_in_baseline}, on by default, on the customer-support sample, the gold labels of a seeded 30% of it in the labelled
 * share: the baseline trains in every listed family and class weighting and the best on validation is the one saved;
 * the recorded mix is the one its answers and the teacher's give on the validation split, fitted again here from the
 * saved baseline; and the rows the candidates learn carry the mixed logits in place of the teacher's, nothing else
 * changed.
 */
@Tag("slow")
class MixedSoftLabelsTrainTest {

    @Test
    void theBestBaselineIsSavedAndMixedIntoTheSoftLabelsAsValidationChose() throws Exception {
        Path data = TestJobs.copySamples("customer-support");
        JobConfig config = ConfigLoader.parse(TestJobs.yaml("customer-support", data)
                .replace("num_epochs: 10", "num_epochs: 2")
                .replaceAll("(?m)^  (temperature|alpha): .*\\n", "")
                .replace("  max_bad_row_share: 0.05", "  max_bad_row_share: 0.05\n  labelled_fraction: 0.3")
                + """
                search:
                  enabled: true
                  budget_epochs: 3
                  architectures: [fasttext, cnn]
                  temperatures: [2]
                  alphas: [0.3]
                  class_weightings: [none, balanced]
                  first_rung_epochs: 1
                  concurrent_candidates: 2
                """, "mixed soft labels test");
        RunContext run = RunContext.create(config, SharedSpark.session());
        new GenerateJob(run).run();
        TrainSummary summary = new TrainJob(run).run();

        RecipeSearchRecord.SoftLabels soft = summary.search().softLabels();
        assertNotNull(soft, "train-summary.json records the mix");
        assertEquals(soft, JsonFiles.read(Files.readString(Path.of(RunLayout.of(config).trainSummary())),
                TrainSummary.class).search().softLabels(), "as the report reads it back");
        assertEquals(List.of("fasttext none", "fasttext balanced", "cnn none", "cnn balanced"),
                List.copyOf(soft.baselines().keySet()), "a baseline per family and class weighting, in list order");
        String best = null;
        for (Map.Entry<String, Double> tried : soft.baselines().entrySet()) {
            if (best == null || tried.getValue() > soft.baselines().get(best)) {
                best = tried.getKey();
            }
        }
        assertEquals(best, soft.baseline(), "the best validation macro-F1 is kept, the first listed on a tie");

        StudentModel baseline = StudentModel.load(Path.of(RunLayout.of(config).model(RunLayout.BASELINE)));
        Map<?, ?> baselineRecipe = (Map<?, ?>) baseline.metadata().training().get("automatic_recipe");
        assertEquals(soft.baseline(), baselineRecipe.get("architecture") + " " + baselineRecipe.get("class_weighting"));
        assertEquals(soft.baseline().split(" ")[0], baseline.metadata().architecture());

        List<String> labels = config.labels();
        Dataset<Row> synthetic = SyntheticStore.of(run).read();
        List<Row> validation = synthetic.where(col("split").equalTo("validation")).collectAsList();
        SoftLabelMix.Trial trial = new SoftLabelMix.Trial(labels.size());
        for (Row r : validation) {
            Example e = SyntheticSchema.example(r);
            trial.add(labels.indexOf(e.label()), SyntheticSchema.floats(r, "teacher_logits"),
                    baseline.predict(e.segments()).probabilities());
        }
        SoftLabelMix mix = soft.mix();
        SoftLabelMix refitted = trial.choice();
        assertEquals(refitted.teacherScale(), mix.teacherScale(), "fitted on validation with the saved baseline");
        assertEquals(refitted.baselineScale(), mix.baselineScale());
        assertEquals(refitted.validationLogLoss(), mix.validationLogLoss(), 1e-9);
        assertTrue(mix.validationLogLoss() <= Math.min(mix.teacherLogLoss(), mix.baselineLogLoss()), mix.toString());
        assertTrue(mix.teacherShare() >= 0 && mix.teacherShare() <= 1, mix.toString());

        StudentModel distilled = StudentModel.load(Path.of(RunLayout.of(config).model(RunLayout.DISTILLED)));
        Map<?, ?> distilledRecipe = (Map<?, ?>) distilled.metadata().training().get("automatic_recipe");
        assertEquals(soft.baseline(), distilledRecipe.get("mixed_in_baseline"));
        assertEquals(mix.teacherShare(), ((Number) ((Map<?, ?>) distilledRecipe.get("soft_labels"))
                .get("teacher_share")).doubleValue(), 1e-12);

        Dataset<Row> train = synthetic.where(col("split").equalTo("train"));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
        Map<String, Row> relabelled = MixedSoftLabels.relabel(train, mix, sc.broadcast(baseline)).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getString(r.fieldIndex("id")), Function.identity()));
        List<Row> original = train.collectAsList();
        assertEquals(original.size(), relabelled.size());
        boolean anyChanged = false;
        for (Row r : original) {
            Row mixed = relabelled.get(r.getString(r.fieldIndex("id")));
            float[] teacher = SyntheticSchema.floats(r, "teacher_logits");
            float[] expected = mix.logits(teacher, baseline.predict(SyntheticSchema.example(r).segments())
                    .probabilities());
            assertArrayEquals(expected, SyntheticSchema.floats(mixed, "teacher_logits"), 1e-6f);
            anyChanged |= !Arrays.equals(teacher, expected);
            for (String column : r.schema().fieldNames()) {
                if (!column.equals("teacher_logits")) {
                    assertEquals(r.get(r.fieldIndex(column)), mixed.get(mixed.fieldIndex(column)), column);
                }
            }
        }
        assertTrue(anyChanged, "the mix changes the soft labels");
    }
}
