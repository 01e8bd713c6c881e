package io.sparkdistill.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The automatic recipe of the label tasks ({@code search:}): instead of training one distilled student at the
 * configured settings, the train stage tries candidates drawn from these lists and keeps the one with the best
 * validation macro-F1 (the fastest family on a near-tie), spending at most {@code budget_epochs} training epochs over
 * all of them in brackets of successive halving ({@code io.sparkdistill.student.search}). Users run the pipeline on
 * data nobody tuned it for; the lists' defaults are the ranges that helped on more than one data set, not one data
 * set's best point.
 *
 * @param enabled              search instead of training at {@code hyperparameters.temperature}, {@code alpha},
 *                             {@code class_weighting} and {@code student.architecture} (default false)
 * @param budgetEpochs         candidate-epochs the whole search may train, summed over candidates and brackets
 *                             (default 40)
 * @param architectures        label student families tried (default: every label family)
 * @param temperatures         temperatures tried (default 1, 2, 4)
 * @param alphas               gold-label weights tried (default 0.1, 0.3, 0.6)
 * @param classWeightings      class weightings tried (default none and balanced)
 * @param augmentationCopies   augmented copies per training example tried, each at most
 *                             {@code data.augmentation.copies} (default: 0 and the generated copies when
 *                             augmentation is on, else 0)
 * @param firstRungEpochs      epochs every sampled candidate trains before the first cut (default 2: one epoch's
 *                             validation score is too noisy to cut on)
 * @param halving              the halving factor: each rung keeps the best 1/halving and trains them halving times
 *                             as long (default 3)
 * @param concurrentCandidates candidates of a rung trained at once, each as its own Spark jobs (default 3)
 * @param preferFasterWithin   the validation macro-F1 a slower family must win by for each step up the speed order
 *                             fasttext, cnn, bilstm (default 0.02). A small validation split's scores move by more
 *                             than that from one run to the next, while a bilstm costs tens of times a cnn's time
 *                             per example: a hair of noise must not buy that
 * @param mixInBaseline        train the baseline first, in every listed family and class weighting, keep the best on
 *                             validation, and let every candidate learn soft labels that mix the teacher's with that
 *                             baseline's, weighted on validation ({@code io.sparkdistill.student.SoftLabelMix})
 *                             (default true: validation decides each source's weight, so a strong teacher keeps most
 *                             of the mix and one weaker than the gold labels weighs little)
 */
public record RecipeSearchConfig(Boolean enabled, Integer budgetEpochs, List<StudentArchitecture> architectures,
                                 List<Double> temperatures, List<Double> alphas, List<ClassWeighting> classWeightings,
                                 List<Integer> augmentationCopies, Integer firstRungEpochs, Integer halving,
                                 Integer concurrentCandidates, Double preferFasterWithin, Boolean mixInBaseline)
        implements Serializable {

    /** The rows of the configuration reference for this section's keys. */
    public static final List<KeyDoc> KEYS = List.of(
            KeyDoc.of("enabled", "classification and nli: the automatic recipe. The train stage tries candidate "
                    + "students drawn from the lists below in brackets of successive halving and keeps the one with "
                    + "the best validation macro-F1 (a slower family must win by `prefer_faster_within`) as the "
                    + "distilled student; the baseline is the best of every family and weighting on validation "
                    + "(`mix_in_baseline`), or, with `mix_in_baseline: false`, trains once with the winner's "
                    + "architecture and class weighting (see [students](students.md#the-automatic-recipe)). Needs "
                    + "`data.validation`; `student.architecture`, `hyperparameters.temperature`, `alpha` and "
                    + "`class_weighting` are then not read (the lists replace them). Refused for text tasks"),
            KeyDoc.of("budget_epochs", "training epochs the search may spend, summed over all candidates, rungs and "
                    + "brackets, never exceeded: the first bracket is the largest seeded sample of the grid (every "
                    + "architecture in it) whose plan fits; what early stopping leaves runs further brackets of "
                    + "untried candidates"),
            KeyDoc.of("architectures", "every label family", "label student families tried"),
            new KeyDoc(List.of("temperatures", "alphas"), null, "temperatures and gold-label weights tried"),
            KeyDoc.of("class_weightings", "class weightings tried (see `hyperparameters.class_weighting`)"),
            KeyDoc.of("augmentation_copies", "0 and `data.augmentation.copies` when it is on, else 0", "augmented "
                    + "copies per training example tried, each at most `data.augmentation.copies`: a candidate with "
                    + "k copies learns from copies 1 to k of each example (their `source_file` ends `#copy=n`)"),
            KeyDoc.of("first_rung_epochs", "epochs each sampled candidate trains before the first cut"),
            KeyDoc.of("halving", "each rung keeps the best 1/halving of its candidates and trains them to halving "
                    + "times the epochs, up to `hyperparameters.num_epochs`"),
            KeyDoc.of("concurrent_candidates", "candidates of a rung trained at once as concurrent Spark jobs (each in "
                    + "its own FAIR scheduler pool)"),
            KeyDoc.of("prefer_faster_within", "validation macro-F1 a slower family must win by for each step up the "
                    + "speed order fasttext, cnn, bilstm (a cnn must beat a fastText by more than it, a bilstm a "
                    + "fastText by more than twice it), in every cut and in the final choice; 0 ranks by score "
                    + "alone"),
            KeyDoc.of("mix_in_baseline", "the baseline trains first, in every family of `architectures` and every "
                    + "weighting of `class_weightings`, and the best on validation macro-F1 is kept; every candidate "
                    + "then learns soft labels that mix the teacher's logits with that baseline's log-probabilities, "
                    + "each scaled by the pair of lowest validation log-loss (see "
                    + "[students](students.md#soft-labels-that-mix-in-the-baseline)). A teacher weaker than the gold "
                    + "labels on the data then weighs less; the scales and the teacher's share go into "
                    + "`train-summary.json` and the report. `false` trains the baseline once, after the search, with "
                    + "the winner's architecture and class weighting, and the candidates learn the teacher's soft "
                    + "labels alone"));

    public RecipeSearchConfig {
        enabled = enabled != null && enabled;
        budgetEpochs = budgetEpochs == null ? 40 : budgetEpochs;
        architectures = architectures == null ? labelArchitectures() : List.copyOf(architectures);
        temperatures = temperatures == null ? List.of(1.0, 2.0, 4.0) : List.copyOf(temperatures);
        alphas = alphas == null ? List.of(0.1, 0.3, 0.6) : List.copyOf(alphas);
        classWeightings = classWeightings == null ? List.of(ClassWeighting.values()) : List.copyOf(classWeightings);
        augmentationCopies = augmentationCopies == null ? null : List.copyOf(augmentationCopies);
        firstRungEpochs = firstRungEpochs == null ? 2 : firstRungEpochs;
        halving = halving == null ? 3 : halving;
        concurrentCandidates = concurrentCandidates == null ? 3 : concurrentCandidates;
        preferFasterWithin = preferFasterWithin == null ? 0.02 : preferFasterWithin;
        mixInBaseline = mixInBaseline == null || mixInBaseline;
    }

    public static RecipeSearchConfig off() {
        return new RecipeSearchConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The copies tried: those written, else none and all of the generated ones. */
    public List<Integer> augmentationCopiesFor(AugmentationConfig augmentation) {
        if (augmentationCopies != null) {
            return augmentationCopies;
        }
        return augmentation.enabled() ? List.of(0, augmentation.copies()) : List.of(0);
    }

    /** Every family that learns a label task's soft labels: a new one joins the search by joining the enum. */
    private static List<StudentArchitecture> labelArchitectures() {
        return Arrays.stream(StudentArchitecture.values()).filter(StudentArchitecture::labelStudent).toList();
    }

    /** Checks every key; {@code problems} is the view of this section. */
    public void validate(ConfigProblems problems) {
        problems.require(budgetEpochs > 0, "budget_epochs", budgetEpochs, "a positive number of epochs");
        problems.require(!architectures.isEmpty()
                        && architectures.stream().allMatch(a -> a != null && a.labelStudent()), "architectures",
                architectures, "a list of label families from " + labelArchitectures());
        problems.require(!temperatures.isEmpty() && temperatures.stream().allMatch(t -> t != null && t > 0),
                "temperatures", temperatures, "a list of positive numbers");
        problems.require(!alphas.isEmpty() && alphas.stream().allMatch(a -> a != null && a >= 0 && a <= 1),
                "alphas", alphas, "a list of numbers in [0, 1]");
        problems.require(!classWeightings.isEmpty() && classWeightings.stream().allMatch(w -> w != null),
                "class_weightings", classWeightings, "a list of none and/or balanced");
        problems.require(augmentationCopies == null || !augmentationCopies.isEmpty() && augmentationCopies.stream()
                .allMatch(c -> c != null && c >= 0), "augmentation_copies", augmentationCopies,
                "a list of zero or more copies");
        problems.require(firstRungEpochs > 0, "first_rung_epochs", firstRungEpochs, "a positive number of epochs");
        problems.require(halving >= 2, "halving", halving, "2 or more (each rung keeps 1/halving)");
        problems.require(concurrentCandidates > 0, "concurrent_candidates", concurrentCandidates,
                "a positive number");
        problems.require(!preferFasterWithin.isNaN() && preferFasterWithin >= 0 && preferFasterWithin < 1,
                "prefer_faster_within", preferFasterWithin, "a macro-F1 margin in [0, 1), e.g. 0.02");
    }
}
