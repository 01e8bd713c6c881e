package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.RecipeSearchConfig;
import io.sparkdistill.config.StudentConfig;
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

/** The real-data benchmark's Markdown: setup, quality and speed per data set, the targets, the costs. */
final class BenchmarkTables {
    static final String START = "<!-- real-data benchmark: start (written by bench/run) -->";
    static final String END = "<!-- real-data benchmark: end -->";
    private static final List<String> MODELS = List.of("teacher", "baseline", "distilled");

    private BenchmarkTables() {
    }

    static String render(List<RealDataBenchmark.Run> runs, RealDataBenchmark.Costs costs, double minutes,
                         boolean quick, JobConfig recipe, List<String> settings, int maxRows) throws IOException {
        StringBuilder md = new StringBuilder(START).append("\n## Distillation on real data\n\n");
        md.append(String.format(Locale.ROOT, "Measured by `bench/run`%s on %s, %s; load average %s at the end "
                        + "(the benchmark's own threads count in it; far above the core count, other work shared the "
                        + "machine and slowed latencies and rates). Whole benchmark: %.0f minutes.%n%n",
                quick ? " --quick (a small version: figures are not the results)" : "", machine(),
                "Java " + System.getProperty("java.version"), loadAverage(), minutes));
        md.append(String.format(Locale.ROOT, "Setup: one job for every data set, `conf/real-data-recipe.yaml`, with "
                        + "only the data set's name, labels, files and the seed changed%s: %s. The offline teacher "
                        + "(all-MiniLM-L6-v2 + a logistic head) is fitted on a seeded %.0f%% of the training split's "
                        + "gold labels; the distilled student learns %s over the whole training split, with the "
                        + "gold-label term only on the labelled share; the baseline (%s) learns the labelled share "
                        + "alone; early stopping on validation %s; everything is "
                        + "evaluated on the held-out test split. Each seed draws its own labelled share, "
                        + "initialisation and augmented copies; figures are mean ± standard deviation over the seeds."
                        + "%s%n%n",
                settings.isEmpty() ? "" : " (and, for every data set alike, `" + String.join("`, `", settings) + "`)",
                describe(recipe), recipe.data().labelledFraction() * 100,
                recipe.search().mixInBaseline() ? "the soft labels of the teacher and the baseline mixed"
                        : "the teacher's soft labels",
                recipe.search().mixInBaseline() ? "the best of the families on validation" : "same network",
                recipe.search().enabled() ? "macro-F1" : "accuracy",
                maxRows > 0 ? " Every split cut to its first " + maxRows + " rows." : ""));
        for (String dataSet : runs.stream().map(RealDataBenchmark.Run::dataSet).distinct().toList()) {
            List<RealDataBenchmark.Run> of = runs.stream().filter(r -> r.dataSet().equals(dataSet)).toList();
            dataSetSection(md, dataSet, of);
        }
        targets(md, runs);
        if (recipe.search().enabled()) {
            choices(md, runs);
        }
        if (costs != null) {
            costSection(md, costs);
        }
        md.append("Reproduce: `bench/run` from the repository root (it runs `bench/real-data/fetch` first when the data "
                + "is missing; `bench/run --quick` for a few-minute version that is not a result). Per-run reports: "
                + "`spark-jobs/target/bench/real-data/runs/<data set>-seed<n>/report.md`.\n").append(END).append("\n");
        return md.toString();
    }

    /** The recipe's levers as the setup sentence names them. */
    private static String describe(JobConfig job) {
        StudentConfig student = job.student();
        Hyperparameters h = job.hyperparameters();
        if (job.search().enabled()) {
            RecipeSearchConfig search = job.search();
            return String.format(Locale.ROOT, "the automatic recipe (`search.enabled`, a budget of %d candidate-epochs, "
                            + "successive halving by validation macro-F1) choosing per data set and seed among "
                            + "architectures %s, T %s, alpha %s, class weighting %s and augmented copies per training "
                            + "example %s of the %d generated (the table of choices below); every candidate with "
                            + "vocabulary %s (fastText: %s buckets), word vectors %s the teacher's, %s, learning rate "
                            + "%s, at most %s epochs (patience %s), `data.labelled_fraction: %s`%s",
                    search.budgetEpochs(), search.architectures().stream().map(a -> a.configName()).toList(),
                    search.temperatures(), search.alphas(),
                    search.classWeightings().stream().map(w -> w.configName()).toList(),
                    search.augmentationCopiesFor(job.data().augmentation()), job.data().augmentation().copies(),
                    student.vocabulary(), student.buckets(),
                    Boolean.TRUE.equals(student.initFromTeacher()) ? "from" : "not from",
                    String.valueOf(student.precision()).toLowerCase(Locale.ROOT), h.learningRate(), h.numEpochs(),
                    h.earlyStoppingPatience(), job.data().labelledFraction(), (search.mixInBaseline()
                            ? "; the baseline trained first in every family and class weighting, the best on "
                            + "validation mixed into the soft labels every candidate learns, weighted by validation "
                            + "log-loss (`search.mix_in_baseline`)" : "") + (h.logitAdjustment()
                            ? "; both saved students' logits adjusted towards the small classes, the strength "
                            + "chosen by validation macro-F1 (`hyperparameters.logit_adjustment`)" : ""));
        }
        return String.format(Locale.ROOT, "%s student (vocabulary %s, word vectors %s the teacher's, %s), "
                        + "%s augmented copies per training example, T = %s, alpha = %s, class weighting %s, learning "
                        + "rate %s, at most %s epochs (patience %s), `data.labelled_fraction: %s`",
                student.architecture().configName(), student.vocabulary(),
                Boolean.TRUE.equals(student.initFromTeacher()) ? "from" : "not from",
                String.valueOf(student.precision()).toLowerCase(Locale.ROOT), job.data().augmentation().copies(),
                h.temperature(), h.alpha(), h.classWeighting().configName(), h.learningRate(), h.numEpochs(),
                h.earlyStoppingPatience(), job.data().labelledFraction());
    }

    private static void dataSetSection(StringBuilder md, String dataSet, List<RealDataBenchmark.Run> runs) {
        RealDataBenchmark.Run first = runs.get(0);
        md.append("### ").append(dataSet).append(String.format(Locale.ROOT, " (test split: %d examples, %d labels; "
                        + "%d seed%s)%n%n", (long) first.score("teacher", "count"),
                first.metrics().at("/summary/labels").size(), runs.size(), runs.size() == 1 ? "" : "s"));
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

    /** What the automatic recipe chose for each data set and seed, from the run's train-summary.json. */
    private static void choices(StringBuilder md, List<RealDataBenchmark.Run> runs) {
        md.append("### The automatic recipe's choices\n\n| data set | seed | winner | its validation macro-F1 | "
                + "candidates tried / grid | brackets | epochs used / budget | baseline mixed in | teacher's share "
                + "of the soft labels |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (RealDataBenchmark.Run r : runs) {
            JsonNode search = r.train().path("search");
            String winner = search.path("winner").asText();
            double score = Double.NaN;
            for (JsonNode c : search.path("candidates")) {
                if (c.path("name").asText().equals(winner)) {
                    JsonNode rungs = c.path("rungs");
                    score = rungs.get(rungs.size() - 1).path("validation_macro_f1").asDouble();
                }
            }
            JsonNode soft = search.path("soft_labels");
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %d / %d | %d | %d / %d | %s | %s |%n",
                    r.dataSet(), r.seed(), winner, score, search.path("candidates").size(),
                    search.path("grid_size").asInt(), search.path("brackets").size(), search.path("epochs_used").asInt(),
                    search.path("budget_epochs").asInt(), soft.isMissingNode() ? "none" : soft.path("baseline").asText(),
                    soft.isMissingNode() ? "1 (teacher alone)"
                            : String.format(Locale.ROOT, "%.2f", soft.path("mix").path("teacher_share").asDouble())));
        }
        md.append("\n");
    }

    private static String verdict(String figure, boolean met) {
        return figure + (met ? " (met)" : " (**missed**)");
    }

    private static void costSection(StringBuilder md, RealDataBenchmark.Costs c) {
        md.append("### Costs of the pipeline\n\n");
        md.append("| | 1 executor thread (`local[1]`) | 2 executor threads (`local[2]`) | scaling |\n"
                + "| --- | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| generation, offline teacher (rows/s, %s, %d rows per split) "
                        + "| %.1f | %.1f | %.2fx |%n", c.dataSet(), c.generateRows(), c.generateRowsPerSecond1(),
                c.generateRowsPerSecond2(), c.generateRowsPerSecond2() / c.generateRowsPerSecond1()));
        md.append(String.format(Locale.ROOT, "| student training (examples/s, %s, %d examples, 3 epochs) | "
                        + "%.0f | %.0f | %.2fx |%n", c.dataSet(), c.trainExamples(), c.trainExamplesPerSecond1(),
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
