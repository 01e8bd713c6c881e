package io.sparkdistill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What changed since the previous run of the same job, read from the two runs' metrics.json: the nightly question
 * "did tonight's student get worse?". Every tracked figure is listed with its change; a quality metric that moved
 * the wrong way by more than the tolerance is a regression. Speed figures are shown but never judged: on a shared
 * machine latency moves by tens of percent between runs.
 *
 * <p>The comparison works on metrics.json's shape, not on Java objects, so it compares with runs written by older
 * versions too. Both shapes are read:
 * <ul>
 *   <li>label tasks ({@link MetricsJson}): the {@link #QUALITY} metrics of each model's {@code scores};</li>
 *   <li>text tasks ({@link TextMetricsJson}): every metric in each model's {@code quality} (all higher is better),
 *       with its full scale from {@code quality_metrics.full_scale} (1 when a metric has none there). Agreement with
 *       the teacher is not compared: it moves whenever the teacher's answers do, which is not the student getting
 *       worse.</li>
 * </ul>
 * The tolerance is a share of each metric's full scale, so one setting means the same on every scale: 0.01 allows
 * a drop of 0.01 accuracy or ROUGE-L (0-1) and of 1 point of SQuAD F1, exact match, BLEU or chrF (0-100).
 *
 * @param previousRunId   {@code summary.run_id} of the previous metrics.json; null when there was no previous run
 * @param previousMetrics where the previous metrics.json was kept (under {@code history/}); null without one
 * @param tolerance       the allowed drop, as a share of each metric's full scale
 * @param changes         every tracked figure present in both runs, models first, in metrics.json's order
 */
public record ChangesSincePreviousRun(String previousRunId, String previousMetrics, double tolerance,
                                      List<MetricChange> changes) {

    /** Quality metrics of a model's {@code scores}: name, whether higher is better, and full scale. */
    static final List<TrackedMetric> QUALITY = List.of(
            new TrackedMetric("accuracy", true, 1),
            new TrackedMetric("macro_f1", true, 1),
            new TrackedMetric("ece", false, 1));
    /** Speed figures of a model, shown with their change but never flagged. */
    private static final List<String[]> SPEED = List.of(
            new String[]{"latency", "p50_ms"}, new String[]{"latency", "p95_ms"}, new String[]{"latency", "p99_ms"},
            new String[]{"latency_per_token", "p50_ms"});
    private static final ObjectMapper JSON = new ObjectMapper();

    public ChangesSincePreviousRun {
        changes = List.copyOf(changes);
    }

    /** One quality metric: where it lives in {@code scores}, which way is better, and its full scale (1 or 100). */
    record TrackedMetric(String name, boolean higherIsBetter, double scale) {
    }

    /**
     * One figure in both runs.
     *
     * @param key            its path in metrics.json, such as {@code models.distilled.scores.accuracy}
     * @param higherIsBetter which way is an improvement
     * @param allowedDrop    how far it may move the wrong way before it is a regression: the tolerance times the
     *                       metric's full scale; NaN for a figure that is only shown (speed)
     * @param regression     whether it moved the wrong way by more than {@code allowedDrop}
     */
    public record MetricChange(String key, double previous, double current, boolean higherIsBetter,
                               double allowedDrop, boolean regression) {
        public double change() {
            return current - previous;
        }

        /** Whether a drop can be a regression (quality) or is only shown (speed). */
        public boolean judged() {
            return !Double.isNaN(allowedDrop);
        }
    }

    /** The first run of a job: nothing to compare with. */
    public static ChangesSincePreviousRun none(double tolerance) {
        return new ChangesSincePreviousRun(null, null, tolerance, List.of());
    }

    public boolean hasPreviousRun() {
        return previousRunId != null;
    }

    public List<MetricChange> regressions() {
        return changes.stream().filter(MetricChange::regression).toList();
    }

    /**
     * Compares two metrics.json texts. {@code previousMetrics} names where the previous one is kept, for readers.
     *
     * @throws IllegalArgumentException when either text is not a metrics.json
     */
    public static ChangesSincePreviousRun between(String previousJson, String currentJson, double tolerance,
                                                  String previousMetrics) {
        JsonNode previous = parse(previousJson, "the previous metrics.json");
        JsonNode current = parse(currentJson, "this run's metrics.json");
        List<MetricChange> changes = new ArrayList<>();
        Iterator<String> roles = current.path("models").fieldNames();
        while (roles.hasNext()) {
            String role = roles.next();
            JsonNode now = current.path("models").path(role);
            JsonNode before = previous.path("models").path(role);
            for (TrackedMetric metric : QUALITY) {
                compare(changes, "models." + role + ".scores." + metric.name(), before.path("scores").path(
                        metric.name()), now.path("scores").path(metric.name()), metric.higherIsBetter(),
                        tolerance * metric.scale());
            }
            Iterator<String> textMetrics = now.path("quality").fieldNames();
            while (textMetrics.hasNext()) {
                String name = textMetrics.next();
                double scale = current.path("quality_metrics").path("full_scale").path(name).asDouble(1);
                compare(changes, "models." + role + ".quality." + name, before.path("quality").path(name),
                        now.path("quality").path(name), true, tolerance * scale);
            }
            for (String[] path : SPEED) {
                compare(changes, "models." + role + "." + path[0] + "." + path[1], before.path(path[0]).path(path[1]),
                        now.path(path[0]).path(path[1]), false, Double.NaN);
            }
        }
        String previousRunId = previous.path("summary").path("run_id").asText("unknown");
        return new ChangesSincePreviousRun(previousRunId, previousMetrics, tolerance, changes);
    }

    /** Adds the change of one figure when both runs have it; {@code allowedDrop} NaN means never judged. */
    private static void compare(List<MetricChange> changes, String key, JsonNode before, JsonNode now,
                                boolean higherIsBetter, double allowedDrop) {
        if (!before.isNumber() || !now.isNumber()) {
            return;
        }
        double previous = before.asDouble();
        double current = now.asDouble();
        double drop = higherIsBetter ? previous - current : current - previous;
        // A little slack, so that a drop of exactly the tolerance is not flagged through rounding.
        boolean regression = !Double.isNaN(allowedDrop) && drop > allowedDrop + 1e-12 * Math.max(1, allowedDrop);
        changes.add(new MetricChange(key, previous, current, higherIsBetter, allowedDrop, regression));
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("models").isObject()) {
                throw new IllegalArgumentException(what + " has no \"models\" section; is it a metrics.json?");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
