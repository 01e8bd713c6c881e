package io.sparkdistill.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The Markdown of the text-task real-data benchmark: the setup once, then per data set where its rows come from and
 * one table with every model as a row (teacher, the default family's distilled and baseline students, the trivial
 * baselines, the LSTM), each metric of the task as a column, mean ± sd over the seeds, and latency, size and
 * training time beside them.
 */
final class TextRealDataTables {
    private static final String NONE = "–";

    /** One data set's results: the default family's runs (one per seed), the LSTM's run or null, other rules. */
    record DataSet(String name, String task, JsonNode manifest, List<TextRun> runs, TextRun lstm,
                   List<OtherTrivialBaselines.Scored> others) {
    }

    /** A row of a table: figures per run (one value per seed; NaN where unknown). */
    private record Row(String name, List<Map<String, Double>> quality, double[] latencyMs, double[] parameters,
                       double[] sizeBytes, double[] trainMinutes) {
        static Row of(String name, List<TextRun> runs, String role) {
            return new Row(name, runs.stream().map(r -> r.quality(role)).toList(),
                    each(runs, r -> r.latencyP50Ms(role)), each(runs, r -> r.parameters(role)),
                    each(runs, r -> r.sizeOnDiskBytes(role)), each(runs, r -> r.trainMinutes(role)));
        }

        /** A rule: quality only. */
        static Row rule(String name, List<Map<String, Double>> quality) {
            double[] none = {Double.NaN};
            return new Row(name, quality, none, none, none, none);
        }
    }

    private TextRealDataTables() {
    }

    static String render(List<DataSet> sets, List<Long> seeds, int rows, Map<String, Object> lstmSettings,
                         double minutes) throws IOException {
        StringBuilder md = new StringBuilder("## Text-task students on real data (issue 12)\n\n");
        md.append(String.format(Locale.ROOT, "Measured by `bench/text-real-data` on %s, Java %s; load average %s at "
                        + "the end (other work shared the machine, which slows latencies). Whole benchmark: %.0f "
                        + "minutes.%n%n", machine(), System.getProperty("java.version"), loadAverage(), minutes));
        md.append("Setup: each data set through the pipeline's generate, train and evaluate stages with its task's "
                + "shipped config (`conf/<task>.yaml`) and default student, under `hyperparameters.seed` "
                + seeds.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "; figures are mean ± standard deviation over the seeds. **The teacher is the reference**: no LLM "
                + "runs here, so a loopback stand-in (`KnowingTeacher`) answers every row with its reference answer. "
                + "The teacher's quality is therefore the top of each scale, not a model's, and its latency is the "
                + "loopback server's. The distilled student learns the teacher's answers and the baseline student "
                + "the first gold answer of the same rows, so here both learn the same texts. The trivial baselines "
                + "learn nothing (or one count) and are scored with the task's own metrics: the first is the one "
                + "the pipeline reports (metrics.json `trivial_baseline`), the others are scored on the whole test "
                + "file by the benchmark. The LSTM family (`student.architecture: lstm`) runs once, on the first "
                + "seed, at reduced settings " + lstmSettings.entrySet().stream().filter(e -> !e.getKey()
                        .equals("student.architecture")).map(e -> "`" + e.getKey().replaceFirst("^[a-z]+\\.", "")
                        .replace("generative.", "") + ": " + e.getValue() + "`")
                .collect(Collectors.joining(", ")) + ", since it writes its answers token by token.");
        md.append(rows > 0 ? " The training split is cut to its first " + rows + " rows (a quick run: the "
                + "figures are not the results)." : "").append("\n\n");
        for (DataSet set : sets) {
            section(md, set);
        }
        md.append("Reproduce: `bench/text-real-data` from the repository root (it runs `bench/real-data/fetch-text` "
                + "first when the data is missing). Each run's config, report and metrics: "
                + "`spark-jobs/target/bench/text-real-data/runs/<data set>[-lstm]-seed<n>/` (`job.yaml`, "
                + "`report.md`, `metrics.json`).\n");
        return md.toString();
    }

    private static void section(StringBuilder md, DataSet set) {
        if (set.runs().isEmpty()) {
            return;
        }
        TextRun first = set.runs().get(0);
        String primary = first.primary();
        md.append(String.format(Locale.ROOT, "### %s: %s (test split: %d examples; seed%s %s)%n%n", set.name(),
                set.task(), set.manifest().at("/splits/test/rows_written").asLong(), set.runs().size() == 1 ? "" : "s",
                set.runs().stream().map(r -> String.valueOf(r.seed())).collect(Collectors.joining(", "))));
        md.append("Data: ").append(set.manifest().path("source").asText()).append(" (`bench/real-data/fetch-text`, "
                + "its `manifest.json`).\n");
        set.manifest().path("construction").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && !List.of("group", "sentence_splitter").contains(e.getKey())) {
                md.append("- `").append(e.getKey()).append("`: ").append(e.getValue().asText()).append("\n");
            }
        });
        md.append(String.format(Locale.ROOT, "%nStudents: `%s`, the task's default; the distilled student learnt "
                        + "from %s training examples; the teacher's answers accepted: %d of %d%s (valid input rows "
                        + "by split: %s).%n%n", first.family(), first.learnable(), first.generate().generated(),
                first.generate().teacherCalls(), first.generate().rejectedByReason().isEmpty() ? ""
                        : ", rejected: " + first.generate().rejectedByReason(), first.generate().validBySplit()));
        List<String> metrics = first.metricNames();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("teacher = the reference (loopback stand-in; latency is the loopback server's)",
                set.runs(), "teacher"));
        rows.add(Row.of("distilled student (" + first.family() + ")", set.runs(), "distilled"));
        rows.add(Row.of("baseline student (" + first.family() + ", gold answers)", set.runs(), "baseline"));
        List<Row> rules = rules(set, first.trivialDescription());
        rows.addAll(rules);
        if (set.lstm() != null) {
            rows.add(Row.of("distilled LSTM (seed " + set.lstm().seed() + ")", List.of(set.lstm()), "distilled"));
            rows.add(Row.of("baseline LSTM (seed " + set.lstm().seed() + ", gold answers)", List.of(set.lstm()),
                    "baseline"));
        }
        md.append("| model | ").append(metrics.stream().map(m -> m.equals(primary) ? m + " (primary)" : m)
                .collect(Collectors.joining(" | "))).append(" | latency p50 per example | parameters | size on disk "
                + "| training |\n| --- |").append(" ---: |".repeat(metrics.size() + 4)).append("\n");
        for (Row row : rows) {
            md.append("| ").append(row.name());
            for (String metric : metrics) {
                double[] values = row.quality().stream().mapToDouble(q -> q.getOrDefault(metric, Double.NaN))
                        .toArray();
                md.append(" | ").append(cell(values, first.fullScale(metric) > 1 ? "%.1f" : "%.3f"));
            }
            md.append(" | ").append(cell(row.latencyMs(), latencyFormat(row.latencyMs())))
                    .append(" | ").append(cell(row.parameters(), "%,.0f"))
                    .append(" | ").append(cell(scaled(row.sizeBytes(), 1e-6), "%.2f MB"))
                    .append(" | ").append(cell(row.trainMinutes(), "%.2f min")).append(" |\n");
        }
        md.append("\n");
        margins(md, set, primary, rules, first.fullScale(primary) > 1 ? "%+.1f" : "%+.3f");
    }

    /** The trivial baselines: the pipeline's first, then the benchmark's others that are not the same rule. */
    private static List<Row> rules(DataSet set, String pipelines) {
        List<Row> rules = new ArrayList<>();
        if (pipelines != null) {
            rules.add(Row.rule("trivial, the pipeline's: " + pipelines, set.runs().stream()
                    .map(TextRun::trivialQuality).toList()));
        }
        for (OtherTrivialBaselines.Scored other : set.others()) {
            if (!other.scores().description().equals(pipelines)) {
                rules.add(Row.rule("trivial, " + other.name() + ": " + other.scores().description(),
                        List.of(other.scores().quality())));
            }
        }
        return rules;
    }

    /**
     * The distilled student's margin over the pipeline's trivial baseline and over the best of all the trivial
     * baselines (the bar that matters: a student below any ten-line rule is not worth deploying), and its share of
     * the teacher's quality.
     */
    private static void margins(StringBuilder md, DataSet set, String primary, List<Row> rules, String format) {
        double[] margin = each(set.runs(), r -> r.metrics().at("/trivial_baseline/distilled_margin").asDouble(
                Double.NaN));
        double[] retained = each(set.runs(), r -> r.metrics().at("/comparison/retained_percent").asDouble(
                Double.NaN));
        md.append(String.format(Locale.ROOT, "Distilled student − trivial baseline on %s: the pipeline's %s", primary,
                cell(margin, format)));
        Row best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Row rule : rules) {
            double score = BenchmarkTables.mean(rule.quality().stream().mapToDouble(q -> q.getOrDefault(primary,
                    Double.NaN)).toArray());
            if (score > bestScore) {
                best = rule;
                bestScore = score;
            }
        }
        if (best != null) {
            double bar = bestScore;
            md.append(", the best one (").append(best.name().replaceFirst(":.*", "").replace("trivial, ", ""))
                    .append(") ").append(cell(each(set.runs(), r -> r.quality("distilled").getOrDefault(primary,
                            Double.NaN) - bar), format));
        }
        md.append(String.format(Locale.ROOT, ". The distilled student keeps %s of the teacher's (the reference's) "
                + "%s.", cell(retained, "%.1f%%"), primary));
        JsonNode python = set.manifest().path("test_baselines");
        if (python.size() > 0) {
            List<String> figures = new ArrayList<>();
            python.fields().forEachRemaining(e -> figures.add(e.getKey() + " " + e.getValue().path(primary)
                    .asText(NONE)));
            md.append(" The fetch script's own scoring of the test split (Python, `manifest.json`), ").append(primary)
                    .append(": ").append(String.join(", ", figures)).append(".");
        }
        md.append("\n\n");
    }

    /** Mean ± sd of the values in {@code format}; the mean alone for one value or none spread; – when unknown. */
    static String cell(double[] values, String format) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return NONE;
            }
        }
        if (values.length < 2 || BenchmarkTables.sd(values) < 1e-12) {
            return String.format(Locale.ROOT, format, BenchmarkTables.mean(values));
        }
        return BenchmarkTables.spread(values, format);
    }

    /** Sub-millisecond students need three decimals; a teacher's hundreds of milliseconds need none. */
    private static String latencyFormat(double[] millis) {
        return BenchmarkTables.mean(millis) < 10 ? "%.3f ms" : "%.0f ms";
    }

    private static double[] scaled(double[] values, double factor) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private static double[] each(List<TextRun> runs, ToDoubleFunction<TextRun> figure) {
        return runs.stream().mapToDouble(figure).toArray();
    }

    private static String machine() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String model = !Files.exists(cpuinfo) ? "unknown CPU" : Files.readAllLines(cpuinfo).stream()
                .filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + ")";
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", List.of(Files.readString(loadavg).split(" ")).subList(0, 3))
                : "unknown";
    }
}
