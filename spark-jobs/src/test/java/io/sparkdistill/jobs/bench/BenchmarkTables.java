package io.sparkdistill.jobs.bench;

import io.sparkdistill.report.chart.BarChart;
import io.sparkdistill.report.chart.Palette;
import io.sparkdistill.report.chart.Scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The real-data benchmark's Markdown: setup, quality and speed per data set, the targets, the sweep, the costs. */
final class BenchmarkTables {
    static final String START = "<!-- real-data benchmark: start (written by bench/run) -->";
    static final String END = "<!-- real-data benchmark: end -->";
    private static final List<String> MODELS = List.of("teacher", "baseline", "distilled");

    private BenchmarkTables() {
    }

    static String render(List<RealDataBenchmark.Run> runs, RealDataBenchmark.Sweep sweep,
                         RealDataBenchmark.Costs costs, double minutes, boolean quick, double labelledFraction,
                         String epochs, int maxRows, String student) throws IOException {
        StringBuilder md = new StringBuilder(START).append("\n## Distillation on real data (issue 6)\n\n");
        md.append(String.format(Locale.ROOT, "Measured by `bench/run`%s on %s, %s; load average %s at the end "
                        + "(the benchmark's own threads count in it; far above the core count, other work shared the "
                        + "machine and slowed latencies and rates). Whole benchmark: %.0f minutes.%n%n",
                quick ? " --quick (a small version: figures are not the results)" : "", machine(),
                "Java " + System.getProperty("java.version"), loadAverage(), minutes));
        md.append(String.format(Locale.ROOT, "Setup: the offline teacher (all-MiniLM-L6-v2 + a logistic head) fitted "
                + "on a seeded %.0f%% of the training split's gold labels (`data.labelled_fraction: %s`); the "
                + "distilled student (`student: %s`) trained on the teacher's soft labels over "
                + "the whole training split, with the gold-label term only on the labelled share (T and alpha: the "
                + "sweep's winner, picked on the validation split, on the sweep's data set; the conf defaults T = 2, "
                + "alpha = 0.3 on the other); the baseline (same network) trained on the labelled "
                + "share alone; epochs at most %s, early stopping on validation accuracy; everything evaluated on "
                + "the held-out test split. Each seed draws its own labelled share, initialisation and augmented "
                + "copies; figures are mean ± standard deviation over the seeds.%s%n%n", labelledFraction * 100,
                labelledFraction, student, epochs,
                maxRows > 0 ? " Every split cut to its first " + maxRows + " rows." : ""));
        for (String dataSet : runs.stream().map(RealDataBenchmark.Run::dataSet).distinct().toList()) {
            List<RealDataBenchmark.Run> of = runs.stream().filter(r -> r.dataSet().equals(dataSet)).toList();
            dataSetSection(md, dataSet, of);
        }
        targets(md, runs);
        if (sweep != null) {
            sweepSection(md, sweep);
        }
        if (costs != null) {
            costSection(md, costs);
        }
        md.append("Reproduce: `bench/run` from the repository root (it runs `bench/real-data/fetch` first when the data "
                + "is missing; `bench/run --quick` for a few-minute version that is not a result). Per-run reports: "
                + "`spark-jobs/target/bench/real-data/runs/<data set>-seed<n>/report.md`.\n").append(END).append("\n");
        return md.toString();
    }

    private static void dataSetSection(StringBuilder md, String dataSet, List<RealDataBenchmark.Run> runs) {
        RealDataBenchmark.Run first = runs.get(0);
        String settings = runs.stream().map(r -> "T = " + r.temperature() + ", alpha = " + r.alpha()).distinct()
                .collect(java.util.stream.Collectors.joining("; "));
        md.append("### ").append(dataSet).append(String.format(Locale.ROOT, " (test split: %d examples, %d labels; "
                        + "%d seed%s; %s)%n%n", (long) first.score("teacher", "count"),
                first.metrics().at("/summary/labels").size(), runs.size(), runs.size() == 1 ? "" : "s", settings));
        md.append("| | teacher | baseline (labelled share) | distilled |\n| --- | ---: | ---: | ---: |\n");
        row(md, "accuracy", runs, r -> m -> r.score(m, "accuracy") * 100, "%.1f%%");
        row(md, "macro-F1", runs, r -> m -> r.score(m, "macro_f1"), "%.3f");
        row(md, "ECE", runs, r -> m -> r.score(m, "ece"), "%.3f");
        row(md, "latency p50 (ms)", runs, r -> m -> r.model(m, "/latency/p50_ms"), "%.3f");
        row(md, "latency p95 (ms)", runs, r -> m -> r.model(m, "/latency/p95_ms"), "%.3f");
        row(md, "batched throughput (/s)", runs, r -> m -> r.model(m, "/batch_throughput_per_second"), "%.0f");
        row(md, "parameters (M)", runs, r -> m -> r.model(m, "/parameter_count") / 1e6, "%.2f");
        row(md, "size on disk (MB)", runs, r -> m -> r.model(m, "/size_on_disk_bytes") / 1e6, "%.1f");
        md.append("\n");
    }

    private interface ModelFigure {
        ToDoubleFunction<String> of(RealDataBenchmark.Run run);
    }

    private static void row(StringBuilder md, String name, List<RealDataBenchmark.Run> runs, ModelFigure figure,
                            String format) {
        md.append("| ").append(name);
        for (String model : MODELS) {
            double[] values = runs.stream().mapToDouble(r -> figure.of(r).applyAsDouble(model)).toArray();
            md.append(" | ").append(spread(values, format));
        }
        md.append(" |\n");
    }

    static String spread(double[] values, String format) {
        double mean = mean(values);
        if (values.length < 2) {
            return String.format(Locale.ROOT, format, mean);
        }
        return String.format(Locale.ROOT, format + " ± " + format, mean, sd(values));
    }

    private static void targets(StringBuilder md, List<RealDataBenchmark.Run> runs) {
        md.append("### Against the targets\n\n| data set | distilled macro-F1 / teacher's (≥ 97%) | distilled − "
                + "baseline macro-F1 (> 0) | speed-up per example, p50 (≥ 100x) | smaller on disk (≥ 20x) | fewer "
                + "parameters |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String dataSet : runs.stream().map(RealDataBenchmark.Run::dataSet).distinct().toList()) {
            List<RealDataBenchmark.Run> of = runs.stream().filter(r -> r.dataSet().equals(dataSet)).toList();
            double[] retained = of.stream().mapToDouble(r -> r.comparison("macro_f1_retained_percent")).toArray();
            double[] gain = of.stream().mapToDouble(r -> r.score("distilled", "macro_f1")
                    - r.score("baseline", "macro_f1")).toArray();
            double[] speedup = of.stream().mapToDouble(r -> r.comparison("speedup_p50")).toArray();
            double[] size = of.stream().mapToDouble(r -> r.comparison("size_ratio")).toArray();
            double[] params = of.stream().mapToDouble(r -> r.comparison("parameter_ratio")).toArray();
            md.append("| ").append(dataSet)
                    .append(" | ").append(verdict(spread(retained, "%.1f%%"), mean(retained) >= 97))
                    .append(" | ").append(verdict(spread(gain, "%+.3f"), mean(gain) > 0))
                    .append(" | ").append(verdict(spread(speedup, "%.0fx"), mean(speedup) >= 100))
                    .append(" | ").append(verdict(spread(size, "%.1fx"), mean(size) >= 20))
                    .append(" | ").append(spread(params, "%.1fx")).append(" |\n");
        }
        md.append("\n");
    }

    private static String verdict(String figure, boolean met) {
        return figure + (met ? " (met)" : " (**missed**)");
    }

    private static void sweepSection(StringBuilder md, RealDataBenchmark.Sweep sweep) {
        md.append("### Temperature × alpha sweep (").append(sweep.dataSet()).append(", seed ")
                .append(sweep.winnerRun().seed()).append(")\n\n");
        md.append(String.format(Locale.ROOT, "%d train stages (each a distilled and a baseline student, up to %d "
                        + "epochs) submitted at once as concurrent Spark jobs in one session (FAIR scheduling), all "
                        + "reading a copy of the same generated data: %.0f s of wall time for %.0f s of summed stage "
                        + "time. The distilled "
                        + "student's validation accuracy (its kept epoch) picks the winner; the test split is read "
                        + "only to report the winner. The data set's other seeds then train at the winner.%n%n", sweep.points().size(), sweep.epochs(), sweep.seconds(),
                sweep.sequentialSeconds()));
        List<Double> temperatures = sweep.points().stream().map(RealDataBenchmark.SweepPoint::temperature).distinct()
                .toList();
        List<Double> alphas = sweep.points().stream().map(RealDataBenchmark.SweepPoint::alpha).distinct().toList();
        md.append("| validation accuracy |");
        alphas.forEach(a -> md.append(" alpha ").append(a).append(" |"));
        md.append("\n| --- |").append(" ---: |".repeat(alphas.size())).append("\n");
        for (double t : temperatures) {
            md.append("| T = ").append(t).append(" |");
            for (double a : alphas) {
                sweep.points().stream().filter(p -> p.temperature() == t && p.alpha() == a).findFirst()
                        .ifPresent(p -> md.append(String.format(Locale.ROOT, p == sweep.winner() ? " **%.1f%%** |"
                                : " %.1f%% |", p.validationAccuracy() * 100)));
            }
            md.append("\n");
        }
        RealDataBenchmark.Run winner = sweep.winnerRun();
        RealDataBenchmark.Run defaults = sweep.defaultsRun();
        md.append(String.format(Locale.ROOT, "%nWinner: T = %s, alpha = %s. On the test split (same seed): "
                        + "distilled macro-F1 %.3f (%.1f%% of the teacher's)", sweep.winner().temperature(),
                sweep.winner().alpha(), winner.score("distilled", "macro_f1"),
                winner.comparison("macro_f1_retained_percent")));
        if (defaults != null) {
            md.append(String.format(Locale.ROOT, ", against %.3f (%.1f%%) with the defaults T = 2, alpha = 0.3",
                    defaults.score("distilled", "macro_f1"), defaults.comparison("macro_f1_retained_percent")));
        }
        md.append(".\n\n");
    }

    private static void costSection(StringBuilder md, RealDataBenchmark.Costs c) {
        md.append("### Costs of the pipeline\n\n");
        md.append("| | 1 executor thread (`local[1]`) | 2 executor threads (`local[2]`) | scaling |\n"
                + "| --- | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| generation, offline teacher (rows/s, %d SpamAssassin rows per split) "
                        + "| %.1f | %.1f | %.2fx |%n", c.generateRows(), c.generateRowsPerSecond1(),
                c.generateRowsPerSecond2(), c.generateRowsPerSecond2() / c.generateRowsPerSecond1()));
        md.append(String.format(Locale.ROOT, "| student training (examples/s, %s, %d examples, 3 epochs) | "
                        + "%.0f | %.0f | %.2fx |%n", c.trainDataSet(), c.trainExamples(), c.trainExamplesPerSecond1(),
                c.trainExamplesPerSecond2(), c.trainExamplesPerSecond2() / c.trainExamplesPerSecond1()));
        double f1 = c.trainingFlops(c.trainExamplesPerSecond1());
        double f2 = c.trainingFlops(c.trainExamplesPerSecond2());
        md.append(String.format(Locale.ROOT, "| training FLOP rate (6 × %.2fM multiply-adds × examples/s) | %.2f "
                        + "GFLOP/s (%.1f%% of peak) | %.2f GFLOP/s (%.1f%% of peak) | |%n%n",
                c.multiplyAddsPerExample() / 1e6,
                f1 / 1e9, 100 * f1 / c.peakFlops(), f2 / 1e9, 100 * f2 / c.peakFlops()));
        md.append(String.format(Locale.ROOT, "Peak: %.1f GFLOP/s, the best of 5 single-precision 2048 × 2048 GEMMs "
                + "through ND4J (`Nd4j.gemm`, all cores) in the same JVM. Generation includes reading, validating, "
                + "encoding, fitting the head and writing Parquet; training examples/s counts the distilled "
                + "student's epochs (DL4J parameter averaging, plus each epoch's validation pass). In local mode "
                + "both settings share one JVM, and ND4J's and ONNX Runtime's kernels already spread one task over "
                + "every core, so the scaling column is what a second task thread adds on top of that, not what a "
                + "second machine would.%n%n", c.peakFlops() / 1e9));
    }

    /** Puts the section between its markers in BENCHMARKS.md, or appends it the first time. */
    static void replaceSection(Path benchmarks, String section) throws IOException {
        String text = Files.readString(benchmarks);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String updated = start >= 0 && end > start
                ? text.substring(0, start) + section.strip() + text.substring(end + END.length())
                : text.stripTrailing() + "\n\n" + section;
        Files.writeString(benchmarks, updated);
    }

    /** One macro-F1 chart per data set (means over the seeds), as SVG files BENCHMARKS.md links to. */
    static void writeCharts(Path folder, List<RealDataBenchmark.Run> runs) throws IOException {
        Files.createDirectories(folder);
        List<String> dataSets = runs.stream().map(RealDataBenchmark.Run::dataSet).distinct().toList();
        List<BarChart.Series> series = new ArrayList<>();
        List<String> colours = List.of(Palette.TEACHER, Palette.BASELINE, Palette.DISTILLED);
        for (int m = 0; m < MODELS.size(); m++) {
            String model = MODELS.get(m);
            series.add(new BarChart.Series(model, colours.get(m), dataSets.stream().map(d -> mean(runs.stream()
                    .filter(r -> r.dataSet().equals(d)).mapToDouble(r -> r.score(model, "macro_f1")).toArray()))
                    .toList()));
        }
        Files.writeString(folder.resolve("real-data-macro-f1.svg"), new BarChart("Macro-F1 on the test split "
                + "(mean over seeds)", "macro-F1", dataSets, series, Scale.linear(0, 1),
                v -> String.format(Locale.ROOT, "%.3f", v)).render());
    }

    private static String machine() throws IOException {
        String model = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            model = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(model);
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + ")";
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", List.of(Files.readString(loadavg).split(" ")).subList(0, 3))
                : "unknown";
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double sd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
