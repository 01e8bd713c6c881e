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
 * @param primaryMetric              the metric the task is judged by ({@code TaskStrategy.primaryMetric()})
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
     * The full scale of a text metric as the task strategies' metrics return it:
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
    public static TextComparison of(TaskType task, String primary, TextModelEvaluation teacher,
                                    TextModelEvaluation baseline, TextModelEvaluation distilled) {
        DistillationComparison.requireRole(teacher, ModelEvaluation.TEACHER);
        DistillationComparison.requireRole(baseline, ModelEvaluation.BASELINE);
        DistillationComparison.requireRole(distilled, ModelEvaluation.DISTILLED);
        for (TextModelEvaluation model : new TextModelEvaluation[]{teacher, baseline, distilled}) {
            if (!model.quality().containsKey(primary)) {
                throw new IllegalArgumentException("the " + model.role() + "'s quality has no '" + primary
                        + "', the primary metric of " + task.configName() + "; it holds " + model.quality().keySet()
                        + " (score its answers with the task strategy's metrics)");
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
