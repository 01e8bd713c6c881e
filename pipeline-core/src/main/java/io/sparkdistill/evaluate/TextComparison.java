package io.sparkdistill.evaluate;

import static io.sparkdistill.evaluate.DistillationComparison.ratio;

import io.sparkdistill.ingest.TaskType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of a text task's run: how much of the teacher's quality the distilled student keeps, what
 * it gains over the baseline student, and how much faster and smaller it is. Retention and improvement are given
 * for the task's {@link #primaryMetric primary metric} and for every other metric too. A ratio whose either side is
 * unknown ({@link ModelEvaluation#UNKNOWN}, NaN, a missing per-token latency) or whose denominator is zero is
 * {@link Double#NaN}.
 *
 * @param task                       the text task
 * @param primaryMetric              {@link #primaryMetric(TaskType)} of the task
 * @param retainedPercent            distilled primary / teacher primary * 100
 * @param baselineRetainedPercent    baseline primary / teacher primary * 100
 * @param improvementOverBaseline    distilled primary - baseline primary, on the metric's own scale (points of a
 *                                   0-100 metric, a difference of fractions for a 0-1 one)
 * @param retainedPercentPerMetric   every quality metric: distilled / teacher * 100, in the teacher's order
 * @param improvementPerMetric       every quality metric: distilled - baseline
 * @param speedupP50                 teacher p50 latency per example / distilled p50 (x-fold faster)
 * @param speedupMean                teacher mean latency per example / distilled mean
 * @param speedupPerTokenP50         teacher p50 latency per generated token / distilled p50 per token
 * @param throughputRatio            distilled examples per second / teacher examples per second
 * @param parameterRatio             teacher parameters / distilled parameters (x-fold fewer)
 * @param sizeRatio                  teacher size on disk / distilled size on disk (x-fold smaller)
 * @param memoryRatio                teacher memory / distilled memory
 */
public record TextComparison(TaskType task, String primaryMetric, double retainedPercent,
                             double baselineRetainedPercent, double improvementOverBaseline,
                             Map<String, Double> retainedPercentPerMetric, Map<String, Double> improvementPerMetric,
                             double speedupP50, double speedupMean, double speedupPerTokenP50, double throughputRatio,
                             double parameterRatio, double sizeRatio, double memoryRatio) {

    public TextComparison {
        retainedPercentPerMetric = Collections.unmodifiableMap(new LinkedHashMap<>(retainedPercentPerMetric));
        improvementPerMetric = Collections.unmodifiableMap(new LinkedHashMap<>(improvementPerMetric));
    }

    /**
     * The metric a text task is judged by in headlines, retention and the retention chart:
     * <ul>
     *   <li>qa: {@code f1}, which gives credit for partly right answers where exact match gives none;</li>
     *   <li>summarisation: {@code rougeL}, the longest common subsequence, which rewards keeping the reference's
     *       order of content, not only its words;</li>
     *   <li>conversation: {@code chrf}, not {@code bleu}. Corpus BLEU multiplies the precisions of 1- to 4-grams, so
     *       on a small test set of short replies it is often zero or moves by many points when one reply changes:
     *       a single missing 4-gram match collapses it. chrF averages character 1- to 6-gram F-scores, gives partial
     *       credit to near-misses (an inflection, a reordered phrase) and so stays stable on a few dozen
     *       examples;</li>
     *   <li>math: {@code exact_match} of the final numeric answer, the only metric of the task.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for classification and nli, which are judged by accuracy
     */
    public static String primaryMetric(TaskType task) {
        return switch (task) {
            case QA -> "f1";
            case SUMMARISATION -> "rougeL";
            case CONVERSATION -> "chrf";
            case MATH -> "exact_match";
            default -> throw new IllegalArgumentException("task " + task.configName()
                    + " is a label task: compare it with DistillationComparison");
        };
    }

    /**
     * The full scale of a text metric as {@link io.sparkdistill.evaluate.text.TextScorer#textMetrics} returns it:
     * 100 for {@code exact_match}, {@code f1}, {@code bleu} and {@code chrf}, 1 for the ROUGE F-measures. Reports
     * size chart axes by it, and a nightly run's regression tolerance, a share of the full scale, is multiplied by it.
     *
     * @throws IllegalArgumentException for a name no text task reports
     */
    public static double fullScale(String metric) {
        return switch (metric) {
            case "exact_match", "f1", "bleu", "chrf" -> 100;
            case "rouge1", "rouge2", "rougeL" -> 1;
            default -> throw new IllegalArgumentException("'" + metric + "' is not a text task's metric; expected "
                    + "one of exact_match, f1, bleu, chrf, rouge1, rouge2, rougeL");
        };
    }

    /** Compares the three models of a text task; each must carry the role its name says. */
    public static TextComparison of(TaskType task, TextModelEvaluation teacher, TextModelEvaluation baseline,
                                    TextModelEvaluation distilled) {
        DistillationComparison.requireRole(teacher, ModelEvaluation.TEACHER);
        DistillationComparison.requireRole(baseline, ModelEvaluation.BASELINE);
        DistillationComparison.requireRole(distilled, ModelEvaluation.DISTILLED);
        String primary = primaryMetric(task);
        for (TextModelEvaluation model : new TextModelEvaluation[]{teacher, baseline, distilled}) {
            if (!model.quality().containsKey(primary)) {
                throw new IllegalArgumentException("the " + model.role() + "'s quality has no '" + primary
                        + "', the primary metric of " + task.configName() + "; it holds " + model.quality().keySet()
                        + " (score its answers with TextScorer.textMetrics(" + task.name() + ", ...))");
            }
        }
        Map<String, Double> retained = new LinkedHashMap<>();
        Map<String, Double> improvement = new LinkedHashMap<>();
        for (Map.Entry<String, Double> metric : teacher.quality().entrySet()) {
            double d = distilled.quality().getOrDefault(metric.getKey(), Double.NaN);
            double b = baseline.quality().getOrDefault(metric.getKey(), Double.NaN);
            retained.put(metric.getKey(), retainedPercent(d, metric.getValue()));
            improvement.put(metric.getKey(), d - b);
        }
        return new TextComparison(task, primary, retained.get(primary),
                retainedPercent(baseline.quality().get(primary), teacher.quality().get(primary)),
                improvement.get(primary), retained, improvement,
                ratio(teacher.latency().p50Ms(), distilled.latency().p50Ms()),
                ratio(teacher.latency().meanMs(), distilled.latency().meanMs()),
                teacher.latencyPerToken() == null || distilled.latencyPerToken() == null ? Double.NaN
                        : ratio(teacher.latencyPerToken().p50Ms(), distilled.latencyPerToken().p50Ms()),
                ratio(distilled.throughputPerSecond(), teacher.throughputPerSecond()),
                ratio(teacher.parameterCount(), distilled.parameterCount()),
                ratio(teacher.sizeOnDiskBytes(), distilled.sizeOnDiskBytes()),
                ratio(teacher.memoryBytes(), distilled.memoryBytes()));
    }

    private static double retainedPercent(double student, double teacher) {
        return 100 * ratio(student, teacher);
    }
}
