package io.sparkdistill.report;

import static io.sparkdistill.evaluate.TextEvaluationBuilder.latency;

import io.sparkdistill.evaluate.TextComparison;
import io.sparkdistill.evaluate.TextEvaluationBuilder;
import io.sparkdistill.evaluate.TextExampleOutputs;
import io.sparkdistill.evaluate.TextModelEvaluation;
import io.sparkdistill.evaluate.baseline.TrivialBaselineScores;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.provenance.ProjectBuild;
import io.sparkdistill.provenance.Provenance;
import io.sparkdistill.provenance.RuntimeVersions;
import io.sparkdistill.provenance.TeacherIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A qa run (and a summarisation one, for the 0-1 scale) whose every formatted figure can be worked out by hand: the
 * distilled student keeps 68 / 80 = 85% of the teacher's F1 and answers 400 / 10 = 40x faster per example.
 */
final class TextReportFixture {
    /** Text the worked examples carry, which must reach report.html as text, never as markup. */
    static final String HOSTILE = "</td><script>alert('x')</script> & \"quoted\"";

    private TextReportFixture() {
    }

    static RunSummary summary() {
        return summary(TaskType.QA, "support-qa", training());
    }

    static RunSummary summary(TaskType task, String jobName, List<TrainingCurve> training) {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("learning_rate", 0.001);
        hyperparameters.put("batch_size", 32);
        hyperparameters.put("num_epochs", 8);
        hyperparameters.put("temperature", 0.7);
        Map<String, Long> inputs = new LinkedHashMap<>();
        inputs.put("train", 800L);
        inputs.put("validation", 100L);
        inputs.put("test", 100L);
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("generate", 95.0);
        stages.put("train", 420.0);
        stages.put("evaluate", 31.5);
        Provenance provenance = new Provenance("2026-11-28T01-00-00", "2026-11-28T01:10:00Z",
                new ProjectBuild("0.1.0-SNAPSHOT", "unknown"), new RuntimeVersions("17.0.9", "3.5.9", "1.0.0-M2"),
                null, List.of(), new TeacherIdentity("llama-3.1-8b-instruct", "vllm", "0123abcd", "qa-v2", "gen-run"),
                hyperparameters, 7L);
        return new RunSummary(jobName, task.configName(), "2026-11-28T01-00-00", List.of(), hyperparameters, inputs,
                Map.of("empty_field", 2L), 998, 995, Map.of("prompt tokens", 250_000L), stages,
                Map.of("corpus_metrics_over", "100 test examples"), provenance, training);
    }

    /** Validation F1 (0-100) per epoch: the baseline ran every epoch, the distilled student stopped early. */
    static List<TrainingCurve> training() {
        return List.of(curve("baseline", 8, 8, false, 20, 31, 38, 41, 42.5, 43, 43.5, 44),
                curve("distilled", 8, 4, true, 25, 52, 61, 67.5, 67, 66.8, 66));
    }

    private static TrainingCurve curve(String student, int planned, int best, boolean stoppedEarly,
                                       double... validation) {
        List<TrainingCurve.Epoch> epochs = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            epochs.add(new TrainingCurve.Epoch(i + 1, 4.0 / (i + 1), validation[i]));
        }
        return new TrainingCurve(student, planned, best, stoppedEarly, epochs);
    }

    static TextModelEvaluation teacher() {
        return TextEvaluationBuilder.teacher().description("llama-3.1-8b-instruct on vLLM")
                .quality("exact_match", 60).quality("f1", 80)
                .latency(latency(400, 900, 1500)).latencyPerToken(latency(20, 40, 60)).meanGeneratedTokens(20)
                .throughput(2.5).sizes(8_000_000_000L, 16_000_000_000L, 17_000_000_000L).build();
    }

    static TextModelEvaluation baseline() {
        return TextEvaluationBuilder.baseline().description("LSTM decoder, 8k subwords, gold answers")
                .quality("exact_match", 30).quality("f1", 48).agreement("exact_match", 35).agreement("f1", 50)
                .latency(latency(8, 12, 20)).latencyPerToken(latency(0.5, 0.8, 1.0)).meanGeneratedTokens(16)
                .throughput(120).sizes(5_000_000, 20_000_000, 40_000_000).build();
    }

    static TextModelEvaluation distilled() {
        return TextEvaluationBuilder.distilled().description("LSTM decoder, 8k subwords, distilled")
                .quality("exact_match", 45).quality("f1", 68).agreement("exact_match", 55).agreement("f1", 74)
                .latency(latency(10, 15, 25)).latencyPerToken(latency(0.4, 0.7, 0.9)).meanGeneratedTokens(25)
                .throughput(100).sizes(5_000_000, 20_000_000, 40_000_000).build();
    }

    static List<TextModelEvaluation> models() {
        return List.of(teacher(), baseline(), distilled());
    }

    static TextComparison comparison() {
        return TextComparison.of(TaskType.QA, "f1", teacher(), baseline(), distilled());
    }

    /** A qa rule scoring F1 30 and exact match 2: the students clear it by 18 and 38 points of F1. */
    static TrivialBaselineScores trivialBaseline() {
        return new TrivialBaselineScores("the best-overlap sentence", Map.of("exact_match", 2.0, "f1", 30.0));
    }

    static ChangesSincePreviousRun firstRun() {
        return ChangesSincePreviousRun.none(0.01);
    }

    /** One short example with hostile text, one whose document is longer than the reports show. */
    static List<TextExampleOutputs> examples() {
        return List.of(
                new TextExampleOutputs("ex-1", "Context: Paris is the capital of <b>France</b>.\nQuestion: What is "
                        + "the capital of France?", List.of("Paris", "the city of Paris"), "Paris", "Lyon",
                        HOSTILE + " Paris ```"),
                new TextExampleOutputs("ex-2", "Context: " + "word ".repeat(300) + "\nQuestion: Which word?",
                        List.of("word"), "word", "words", "word"));
    }

    static String metricsJson() {
        return TextMetricsJson.render(summary(), TaskType.QA, models(), comparison(), firstRun());
    }

    static String metricsJsonWithTrivialBaseline() {
        return TextMetricsJson.render(summary(), TaskType.QA, models(), trivialBaseline(), comparison(), firstRun());
    }

    /** A summarisation run: ROUGE on the 0-1 scale, a teacher behind an API with unknown sizes and tokens. */
    static List<TextModelEvaluation> summarisationModels(double distilledRougeL) {
        TextModelEvaluation teacher = TextEvaluationBuilder.teacher().quality("rouge1", 0.45).quality("rouge2", 0.22)
                .quality("rougeL", 0.40).latency(latency(900, 1500, 2200)).build();
        TextModelEvaluation baseline = TextEvaluationBuilder.baseline().quality("rouge1", 0.30)
                .quality("rouge2", 0.10).quality("rougeL", 0.26).agreement("rougeL", 0.3).latency(latency(6, 9, 12))
                .build();
        TextModelEvaluation distilled = TextEvaluationBuilder.distilled().quality("rouge1", 0.38)
                .quality("rouge2", 0.16).quality("rougeL", distilledRougeL).agreement("rougeL", 0.5)
                .latency(latency(7, 10, 14)).build();
        return List.of(teacher, baseline, distilled);
    }

    static TextComparison summarisationComparison(double distilledRougeL) {
        List<TextModelEvaluation> models = summarisationModels(distilledRougeL);
        return TextComparison.of(TaskType.SUMMARISATION, "rougeL", models.get(0), models.get(1), models.get(2));
    }

    static String summarisationMetricsJson(double distilledRougeL) {
        return TextMetricsJson.render(summary(TaskType.SUMMARISATION, "news-summaries", List.of()),
                TaskType.SUMMARISATION, summarisationModels(distilledRougeL),
                summarisationComparison(distilledRougeL), firstRun());
    }
}
