package io.sparkdistill.jobs.train;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.ingest.LabelledShare;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.ingest.LabelledShares;
import io.sparkdistill.jobs.provenance.RunProvenances;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.jobs.store.TrainSummary;
import io.sparkdistill.jobs.train.LabelStudents.Inputs;
import io.sparkdistill.jobs.train.LabelStudents.Labelling;
import io.sparkdistill.student.ClassWeights;
import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.student.SoftLabelMix;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.search.Candidate;
import io.sparkdistill.student.search.RecipeSearchRecord;
import io.sparkdistill.student.search.SearchSetup;
import io.sparkdistill.jobs.JsonFiles;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.student.StudentBlueprint;
import io.sparkdistill.student.WordVocabulary;
import io.sparkdistill.student.text.KeyLimits;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 2 for the label tasks (classification, nli): trains the students with DL4J on the executors (parameter
 * averaging). The distilled student learns from the gold label and the teacher's soft labels through
 * {@code DistillationLoss}; the baseline is the same network trained on gold labels alone (alpha = 1), the comparison
 * the source document makes. With {@code data.labelled_fraction} below 1, the baseline trains on the labelled share
 * alone and the distilled student takes its gold-label term only there. With {@code search.enabled}, the automatic
 * recipe chooses the distilled student among candidates first ({@link RecipeSearchRun}). How each student trains is
 * {@link LabelStudents}'.
 */
final class LabelTrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(LabelTrainJob.class);

    private final RunContext run;
    private final LabelStudents trainer;

    LabelTrainJob(RunContext run) {
        this.run = run;
        this.trainer = new LabelStudents(run);
    }

    TrainSummary run() {
        JobConfig config = run.config();
        SyntheticStore store = SyntheticStore.of(run);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        sc.setJobGroup("train", "spark-distill train " + config.name(), false);
        Dataset<Row> synthetic = store.read();
        Dataset<Row> train = synthetic.where(col("split").equalTo(Split.TRAIN.configName()));
        Dataset<Row> validation = synthetic.where(col("split").equalTo(Split.VALIDATION.configName()));
        // Teacher-labelled text without gold (data.transfer, data.augmentation): for the distilled student only.
        Dataset<Row> transfer = synthetic.where(col("split").equalTo(Split.TRANSFER.configName()));

        if (train.isEmpty()) {
            throw new InputException("the training split in " + run.layout().synthetic()
                    + " is empty: no example of it has an accepted answer; see the generate summary, then run "
                    + "generate");
        }
        Provenance provenance = RunProvenances.of(run, train);

        Hyperparameters h = config.hyperparameters();
        SearchSetup search = config.search().enabled() ? SearchSetup.of(config) : null;
        Map<String, Object> replacedBySearch = h.keysReplacedBySearch();
        if (search != null && !replacedBySearch.isEmpty()) {
            LOG.info("[train search] hyperparameters {} not read: the search tries the values of its lists instead",
                    replacedBySearch);
        }
        // Counted once, from every row a student may learn from, when any student to train reads words.
        boolean wordsNeeded = search == null ? StudentBlueprint.needsVocabulary(config.student())
                : search.architectures().stream()
                .anyMatch(a -> StudentBlueprint.needsVocabulary(config.student().withArchitecture(a)));
        WordVocabulary vocabulary = wordsNeeded ? vocabulary(train.union(transfer), config.student()) : null;
        // The same share as the teacher's head was fitted on: LabelledShares computes it from the same training split.
        LabelledShare share = LabelledShares.of(config.data(), train.javaRDD()
                .map(r -> new Tuple2<>(r.getString(r.fieldIndex("id")), r.getString(r.fieldIndex("label")))));
        Map<String, Long> labelledPerClass = labelledPerClass(train, share);
        double[] classWeights = ClassWeights.of(h.classWeighting(), config.labels(), labelledPerClass);
        LOG.info("[train] gold labels per class in the labelled share: {}; class weights ({}): {}", labelledPerClass,
                h.classWeighting(), classWeights == null ? "none" : Arrays.toString(classWeights));
        Inputs in = new Inputs(train, transfer, validation, provenance, sc, vocabulary,
                new Labelling(share, labelledPerClass, classWeights));
        TrainSummary summary = search == null ? configured(in, h) : searched(in, h, search);
        run.storage().writeString(run.layout().trainSummary(), JsonFiles.write(summary));
        return summary;
    }

    /** The configured training: baseline and distilled student at the config's settings. */
    private TrainSummary configured(Inputs in, Hyperparameters h) {
        StudentBlueprint blueprint = new StudentBlueprint(run.config().student(), in.vocabulary());
        Map<String, TrainSummary.StudentRun> students = new LinkedHashMap<>();
        students.put(RunLayout.BASELINE, trainer.trainAndSave(RunLayout.BASELINE, in.train(), h.withAlpha(1.0),
                blueprint, in.labelling(), in, false, Map.of()));
        students.put(RunLayout.DISTILLED, trainer.trainAndSave(RunLayout.DISTILLED, in.train().union(in.transfer()),
                h, blueprint, in.labelling(), in, false, Map.of()));
        return new TrainSummary(run.runId(), students);
    }

    /**
     * The automatic recipe: the search's winner is the distilled student. The baseline trains at alpha 1, kept by the
     * same validation macro-F1 (temperature and alpha mean nothing without a teacher), so the pair differs only in
     * what the teacher adds: after the search with the winner's architecture and class weighting, or, with
     * {@code search.mix_in_baseline}, first, in every listed family and weighting, the best of them then mixed into
     * the soft labels every candidate learns.
     */
    private TrainSummary searched(Inputs in, Hyperparameters h, SearchSetup search) {
        MixedBaseline mixed = run.config().search().mixInBaseline() ? mixInBaseline(in, h) : null;
        Inputs learnt = mixed == null ? in : mixed.inputs();
        RecipeSearchRun.Outcome outcome = new RecipeSearchRun(run.config().search(), search,
                c -> startCandidate(c, learnt, h), in.sc().sc()).run();
        Candidate winner = outcome.winner();
        RecipeSearchRecord record = mixed == null ? outcome.record()
                : outcome.record().withSoftLabels(mixed.softLabels());
        Map<String, Object> recipe = new LinkedHashMap<>(winner.settings());
        recipe.put("budget_epochs", record.budgetEpochs());
        recipe.put("epochs_used", record.epochsUsed());
        recipe.put("candidates", record.candidates().size());
        recipe.put("brackets", record.brackets().size());
        recipe.put("grid_size", record.gridSize());
        if (mixed != null) {
            recipe.put("mixed_in_baseline", mixed.softLabels().baseline());
            recipe.put("soft_labels", mixed.softLabels().mix().asMap());
        }
        TrainSummary.StudentRun distilled = trainer.save(outcome.training(), RunLayout.DISTILLED,
                candidateHyperparameters(h, winner).alpha(), Map.of("automatic_recipe", recipe), in);
        TrainSummary.StudentRun baseline;
        if (mixed == null) {
            Map<String, Object> baselineRecipe = new LinkedHashMap<>();
            baselineRecipe.put("architecture", winner.architecture().configName());
            baselineRecipe.put("class_weighting", winner.classWeighting().configName());
            baselineRecipe.put("alpha", 1.0);
            baseline = trainer.trainAndSave(RunLayout.BASELINE, in.train(),
                    h.withLoss(h.temperature(), 1.0, winner.classWeighting()),
                    blueprint(winner.architecture(), in), weighted(in, winner.classWeighting()), in, true,
                    Map.of("automatic_recipe", baselineRecipe));
        } else {
            baseline = mixed.baseline();
            learnt.train().unpersist();
            learnt.transfer().unpersist();
            mixed.shared().destroy();
        }
        Map<String, TrainSummary.StudentRun> students = new LinkedHashMap<>();
        students.put(RunLayout.BASELINE, baseline);
        students.put(RunLayout.DISTILLED, distilled);
        return new TrainSummary(run.runId(), students, record);
    }

    /**
     * The saved baseline, what the candidates learn from with it mixed in, how it was chosen and mixed, and its
     * broadcast, which the relabelled rows read until the search is over.
     */
    private record MixedBaseline(TrainSummary.StudentRun baseline, Inputs inputs,
                                 RecipeSearchRecord.SoftLabels softLabels, Broadcast<StudentModel> shared) {
    }

    /**
     * {@code search.mix_in_baseline}: trains the baseline in every listed family and class weighting, saves the best
     * on validation macro-F1 (the first listed on a tie), fits the mix of its answers and the teacher's on
     * validation, and relabels the training rows with it.
     */
    private MixedBaseline mixInBaseline(Inputs in, Hyperparameters h) {
        RecipeSearchConfig search = run.config().search();
        Map<String, Double> scores = new LinkedHashMap<>();
        StudentTraining best = null;
        String bestName = null;
        Map<String, Object> bestRecipe = null;
        for (StudentArchitecture architecture : search.architectures()) {
            for (ClassWeighting weighting : search.classWeightings()) {
                String name = architecture.configName() + " " + weighting.configName();
                StudentTraining training = trainer.start("baseline " + name, RunLayout.BASELINE, in.train(),
                        h.withLoss(h.temperature(), 1.0, weighting), blueprint(architecture, in),
                        weighted(in, weighting), in, true);
                training.trainTo(h.numEpochs());
                double score = training.progress().validationMacroF1();
                scores.put(name, score);
                if (best == null || score > scores.get(bestName)) {
                    best = training;
                    bestName = name;
                    bestRecipe = new LinkedHashMap<>(Map.of("architecture", architecture.configName(),
                            "class_weighting", weighting.configName(), "alpha", 1.0));
                }
            }
        }
        LOG.info("[train baseline] validation macro-F1 by family and class weighting: {}; keeping {}", scores,
                bestName);
        bestRecipe.put("baselines_tried", scores);
        TrainSummary.StudentRun saved = trainer.save(best, RunLayout.BASELINE, 1.0,
                Map.of("automatic_recipe", bestRecipe), in);
        Broadcast<StudentModel> shared = in.sc().broadcast(best.keptStudent(Map.of()));
        SoftLabelMix mix = MixedSoftLabels.fit(in.validation(), shared, run.config().labels());
        LOG.info("[train] soft labels mix the teacher's with the baseline's: teacher share {} (teacher logits x {}, "
                        + "baseline log-probabilities x {}); validation log-loss {} against {} for the teacher alone, "
                        + "{} for the baseline alone", String.format("%.2f", mix.teacherShare()),
                String.format("%.3g", mix.teacherScale()), String.format("%.3g", mix.baselineScale()),
                String.format("%.3f", mix.validationLogLoss()), String.format("%.3f", mix.teacherLogLoss()),
                String.format("%.3f", mix.baselineLogLoss()));
        Inputs relabelled = new Inputs(MixedSoftLabels.relabel(in.train(), mix, shared).persist(StorageLevel
                .MEMORY_AND_DISK()), MixedSoftLabels.relabel(in.transfer(), mix, shared).persist(StorageLevel
                .MEMORY_AND_DISK()), in.validation(), in.provenance(), in.sc(), in.vocabulary(), in.labelling());
        return new MixedBaseline(saved, relabelled, new RecipeSearchRecord.SoftLabels(scores, bestName, mix),
                shared);
    }

    /** A candidate of the search, ready to train: its rows, loss, class weights and network. */
    private StudentTraining startCandidate(Candidate c, Inputs in, Hyperparameters h) {
        Dataset<Row> rows = in.train().union(AugmentedRows.upTo(in.transfer(), c.augmentationCopies()));
        return trainer.start("search " + c.name(), RunLayout.DISTILLED, rows, candidateHyperparameters(h, c),
                blueprint(c.architecture(), in), weighted(in, c.classWeighting()), in, true);
    }

    private static Hyperparameters candidateHyperparameters(Hyperparameters h, Candidate c) {
        return h.withLoss(c.temperature(), c.alpha(), c.classWeighting());
    }

    private StudentBlueprint blueprint(StudentArchitecture architecture, Inputs in) {
        return new StudentBlueprint(run.config().student().withArchitecture(architecture), in.vocabulary());
    }

    private Labelling weighted(Inputs in, ClassWeighting weighting) {
        Labelling l = in.labelling();
        return new Labelling(l.share(), l.perClass(), ClassWeights.of(weighting, run.config().labels(), l.perClass()));
    }

    /** Gold labels per class inside the labelled share, in label order (a class with none shows 0). */
    private Map<String, Long> labelledPerClass(Dataset<Row> train, LabelledShare share) {
        Map<String, Long> counts = train.javaRDD()
                .filter(r -> LabelStudents.hasGoldLabel(r, share))
                .map(r -> r.getString(r.fieldIndex("label")))
                .countByValue();
        Map<String, Long> ordered = new LinkedHashMap<>();
        run.config().labels().forEach(label -> ordered.put(label, counts.getOrDefault(label, 0L)));
        return ordered;
    }

    /** The training split's most frequent words (the cnn's rows; the words init_from_teacher starts from). */
    private static WordVocabulary vocabulary(Dataset<Row> train, StudentConfig student) {
        MostFrequentKeys.Counted counts = MostFrequentKeys.count(train.javaRDD()
                .flatMap(r -> SyntheticSchema.example(r).segments().stream()
                        .flatMap(text -> WordVocabulary.tokens(text).stream()).iterator()),
                KeyLimits.of("", student.vocabulary()));
        WordVocabulary vocabulary = WordVocabulary.mostFrequent(counts.kept(), student.vocabulary());
        LOG.info("[train] vocabulary: {} of {} distinct training words", vocabulary.words().size(),
                counts.distinct());
        return vocabulary;
    }
}
