package io.sparkdistill.report;

import io.sparkdistill.evaluate.EvaluatedModel;
import io.sparkdistill.evaluate.LatencyStats;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.report.chart.BarChart;
import io.sparkdistill.report.chart.LineChart;
import io.sparkdistill.report.chart.Palette;
import io.sparkdistill.report.chart.Scale;
import io.sparkdistill.report.chart.ScatterChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * The charts every task's report.html draws the same way: latency percentiles per model, quality retained against
 * speed-up, and the students' validation figure per epoch. Each model has one colour in every chart.
 */
final class ReportCharts {
    private ReportCharts() {
    }

    static String colour(String role) {
        return switch (role) {
            case ModelEvaluation.TEACHER -> Palette.TEACHER;
            case ModelEvaluation.BASELINE -> Palette.BASELINE;
            default -> Palette.DISTILLED;
        };
    }

    /**
     * p50, p95 and p99 per model on a log scale: a teacher and its student differ by orders of magnitude. A model
     * whose {@code latency} is null (not measured) draws "n/a".
     */
    static <M extends EvaluatedModel> String latency(String title, List<M> models,
                                                      Function<M, LatencyStats> latency) {
        List<BarChart.Series> series = new ArrayList<>();
        for (M m : models) {
            LatencyStats l = latency.apply(m);
            series.add(new BarChart.Series(ReportTables.studentName(m.role()), colour(m.role()), l == null
                    ? List.of(Double.NaN, Double.NaN, Double.NaN) : List.of(l.p50Ms(), l.p95Ms(), l.p99Ms())));
        }
        double[] measured = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .filter(v -> Double.isFinite(v) && v > 0).toArray();
        Scale scale = measured.length == 0 ? Scale.linear(0, 1)
                : Scale.log(DoubleStream.of(measured).min().getAsDouble(), DoubleStream.of(measured).max()
                .getAsDouble());
        // Figures without the unit, which the axis names: "0.0250 ms" is too wide for a bar.
        return new BarChart(title, "milliseconds", List.of("p50", "p95", "p99"), series, scale,
                ms -> HumanFormat.millis(ms).replace(" ms", "")).render();
    }

    /**
     * Each model's share of the teacher's {@code quality} against its speed-up over the teacher (p50 per example);
     * the teacher, first in {@code models}, is 1x and 100%.
     */
    static <M extends EvaluatedModel> String retention(String title, String yAxis, List<M> models,
                                                        ToDoubleFunction<M> quality) {
        M teacher = models.get(0);
        List<ScatterChart.Point> points = new ArrayList<>();
        for (M m : models) {
            double speedup = teacher.latency().p50Ms() / m.latency().p50Ms();
            double retained = 100 * quality.applyAsDouble(m) / quality.applyAsDouble(teacher);
            points.add(new ScatterChart.Point(ReportTables.studentName(m.role()), colour(m.role()), speedup,
                    retained));
        }
        double[] xs = points.stream().mapToDouble(ScatterChart.Point::x).filter(x -> Double.isFinite(x) && x > 0)
                .toArray();
        double[] ys = points.stream().mapToDouble(ScatterChart.Point::y).filter(Double::isFinite).toArray();
        Scale x = Scale.log(DoubleStream.concat(DoubleStream.of(1), DoubleStream.of(xs)).min().getAsDouble(),
                DoubleStream.concat(DoubleStream.of(1), DoubleStream.of(xs)).max().getAsDouble());
        Scale y = Scale.linear(Math.min(90, DoubleStream.of(ys).min().orElse(90)),
                Math.max(100, DoubleStream.of(ys).max().orElse(100)));
        return new ScatterChart(title, "speed-up per example (p50)", yAxis, points, x, y, HumanFormat::fold,
                HumanFormat::percent).render();
    }

    /** Each student's {@code validation} figure after every epoch, the kept epoch ringed. */
    static String validation(List<TrainingCurve> curves, String validation, DoubleFunction<String> format) {
        List<LineChart.Series> series = curves.stream().map(c -> new LineChart.Series(
                ReportTables.studentName(c.student()), colour(c.student()),
                c.epochs().stream().map(TrainingCurve.Epoch::validationAccuracy).toList(), c.bestEpoch())).toList();
        double[] values = curves.stream().flatMap(c -> c.epochs().stream())
                .mapToDouble(TrainingCurve.Epoch::validationAccuracy).filter(Double::isFinite).toArray();
        Scale scale = values.length == 0 ? Scale.linear(0, 1)
                : Scale.linear(DoubleStream.of(values).min().getAsDouble(),
                DoubleStream.of(values).max().getAsDouble());
        return new LineChart("Validation " + validation + " per epoch", validation, series, scale, format).render();
    }
}
