package io.sparkdistill.jobs.generate;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.store.GenerateSummary;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.jobs.teacher.Answerer;
import io.sparkdistill.jobs.teacher.FakeChatServer;
import io.sparkdistill.teacher.ensemble.TeacherEnsemble;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QA with three API teachers on loopback: text answers are not averaged, the heaviest teacher's answer is kept, and
 * the disagreement is the weight of the teachers whose answer differs once normalised.
 */
@Tag("slow")
class EnsembleTextGenerateTest {

    @Test
    void theHeaviestTeachersAnswerIsKeptAndTheOthersVotesAreRecorded() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "qa-ensemble-");
        long rows = 0;
        for (String split : new String[]{"train", "validation", "test"}) {
            Path file = project.resolve("data-samples/qa/" + split + ".jsonl");
            Files.copy(file, data.resolve(split + ".jsonl"));
            rows += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        }
        try (FakeChatServer large = FakeChatServer.start(null, Answerer.fixed("in 1998"));
             FakeChatServer small = FakeChatServer.start(null, Answerer.fixed("In  1998."));
             FakeChatServer other = FakeChatServer.start(null, Answerer.fixed("in 1999"))) {
            JobConfig config = ConfigLoader.parse("""
                    name: qa-ensemble
                    task: qa
                    data: {train: %s, validation: %s, test: %s}
                    teachers:
                      - name: small
                        kind: api
                        endpoint: {provider: generic, base_url: %s, model: small}
                      - name: large
                        weight: 2
                        kind: api
                        endpoint: {provider: generic, base_url: %s, model: large}
                      - name: other
                        kind: api
                        endpoint: {provider: generic, base_url: %s, model: other}
                    output: {dir: %s}
                    """.formatted(data.resolve("train.jsonl"), data.resolve("validation.jsonl"),
                    data.resolve("test.jsonl"), small.baseUrl(), large.baseUrl(), other.baseUrl(),
                    data.resolve("runs")), "qa-ensemble.yaml");
            RunLayout layout = RunLayout.of(config);

            GenerateSummary summary = new GenerateJob(RunContext.create(config, spark)).run();

            List<Row> combined = SyntheticSchema.read(spark, layout.synthetic()).collectAsList();
            assertEquals(rows, combined.size());
            Map<String, Integer> largeTokens = SyntheticSchema.read(spark, layout.teacherRun("large") + "/synthetic")
                    .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(r.fieldIndex("id")),
                            r -> r.getInt(r.fieldIndex("prompt_tokens"))));
            for (Row row : combined) {
                assertEquals("in 1998", row.getString(row.fieldIndex("teacher_label")), "the heaviest teacher's");
                assertEquals(0.25, row.getDouble(row.fieldIndex("teacher_disagreement")), 1e-12,
                        "only 'other', weight 1 of 4, differs once case, spaces and the full stop are ignored");
                assertEquals(3, row.getInt(row.fieldIndex("teachers_answered")));
                assertEquals("{\"small\":\"" + TeacherEnsemble.answerKey("in 1998") + "\",\"large\":\""
                                + TeacherEnsemble.answerKey("in 1998") + "\",\"other\":\""
                                + TeacherEnsemble.answerKey("in 1999") + "\"}",
                        row.getString(row.fieldIndex("teacher_votes")));
                assertTrue(row.getString(row.fieldIndex("template_version")).startsWith("qa-v"));
                assertEquals(3 * largeTokens.get(row.getString(row.fieldIndex("id"))),
                        row.getInt(row.fieldIndex("prompt_tokens")), "the row's cost is all three teachers' calls");
            }
            assertEquals(1.0, summary.ensemble().disagreementRate());
            assertEquals(0.25, summary.ensemble().meanDisagreement(), 1e-9);
            assertEquals(3 * rows, summary.teacherCalls());
        }
    }
}
