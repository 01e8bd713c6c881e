package io.sparkdistill.evaluate;

/**
 * The headline figures of a run: what the distilled student keeps of its teacher, what it saves, and what
 * distillation adds over training the same student on gold labels alone. A ratio whose denominator is zero
 * (nothing measured) is {@link Double#NaN}.
 *
 * @param accuracyRetainedPercent  distilled accuracy / teacher accuracy * 100
 * @param macroF1RetainedPercent   distilled macro-F1 / teacher macro-F1 * 100
 * @param speedupP50               teacher p50 latency / distilled p50 latency (x-fold faster per example)
 * @param speedupMean              teacher mean latency / distilled mean latency
 * @param throughputRatio          distilled batch throughput / teacher batch throughput
 * @param sizeRatio                teacher size on disk / distilled size on disk (x-fold smaller)
 * @param parameterRatio           teacher parameters / distilled parameters
 * @param memoryRatio              teacher memory / distilled memory
 * @param accuracyGainPoints       (distilled - baseline) accuracy, percentage points
 * @param macroF1GainPoints        (distilled - baseline) macro-F1, percentage points
 */
public record DistillationComparison(double accuracyRetainedPercent, double macroF1RetainedPercent,
                                     double speedupP50, double speedupMean, double throughputRatio,
                                     double sizeRatio, double parameterRatio, double memoryRatio,
                                     double accuracyGainPoints, double macroF1GainPoints) {

    /** Compares the three models; each argument must carry the role its name says. */
    public static DistillationComparison of(ModelEvaluation teacher, ModelEvaluation baseline,
                                            ModelEvaluation distilled) {
        requireRole(teacher, ModelEvaluation.TEACHER);
        requireRole(baseline, ModelEvaluation.BASELINE);
        requireRole(distilled, ModelEvaluation.DISTILLED);
        ClassificationScores t = teacher.scores();
        ClassificationScores b = baseline.scores();
        ClassificationScores d = distilled.scores();
        return new DistillationComparison(
                100 * ratio(d.accuracy(), t.accuracy()),
                100 * ratio(d.macroF1(), t.macroF1()),
                ratio(teacher.latency().p50Ms(), distilled.latency().p50Ms()),
                ratio(teacher.latency().meanMs(), distilled.latency().meanMs()),
                ratio(distilled.batchThroughputPerSecond(), teacher.batchThroughputPerSecond()),
                ratio(teacher.sizeOnDiskBytes(), distilled.sizeOnDiskBytes()),
                ratio(teacher.parameterCount(), distilled.parameterCount()),
                ratio(teacher.memoryBytes(), distilled.memoryBytes()),
                100 * (d.accuracy() - b.accuracy()),
                100 * (d.macroF1() - b.macroF1()));
    }

    /** NaN when either side is unknown (negative, {@link ModelEvaluation#UNKNOWN}) or the denominator is zero. */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 || numerator < 0 || denominator < 0 ? Double.NaN : numerator / denominator;
    }

    static void requireRole(EvaluatedModel model, String role) {
        if (!model.role().equals(role)) {
            throw new IllegalArgumentException("expected the " + role + " model but got role '" + model.role() + "'");
        }
    }
}
