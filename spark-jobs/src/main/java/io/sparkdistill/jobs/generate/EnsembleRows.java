package io.sparkdistill.jobs.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.jobs.store.SyntheticSchema;
import io.sparkdistill.teacher.ensemble.EnsembleVote;
import io.sparkdistill.teacher.ensemble.TeacherEnsemble;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns the teachers' synthetic rows for one example into the ensemble's row. Label tasks get the
 * {@link TeacherEnsemble}'s soft labels; text tasks the answer (and rationale, template, probabilities) of the
 * teacher it chose. Every row carries the votes, the disagreement and how many teachers answered; its usage
 * columns (tokens, attempts, latency) are the totals of the teachers that answered, what the row cost; its
 * {@code run_id} and {@code generated_at} are those of its newest answer, so a rerun that adds nothing leaves the
 * rows as they were. Every other column (the example's, and an API call's {@code prompt_key}, {@code answer_source},
 * {@code token_logprobs}) is copied from one teacher's row: the chosen teacher's for text tasks, the first answering
 * teacher's (in the job's order) for label tasks.
 */
final class EnsembleRows implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TeacherEnsemble ensemble;
    private final List<String> labels;
    private final boolean labelTask;
    private final double temperature;
    private final Identity identity;

    /**
     * What the rows say the ensemble is.
     *
     * @param details JSON: each teacher's name, weight and fingerprint, and how answers are combined
     */
    record Identity(String name, String version, String fingerprint, String details) implements Serializable {
    }

    EnsembleRows(TeacherEnsemble ensemble, List<String> labels, boolean labelTask, double temperature,
                 Identity identity) {
        this.ensemble = ensemble;
        this.labels = List.copyOf(labels);
        this.labelTask = labelTask;
        this.temperature = temperature;
        this.identity = identity;
    }

    /** The ensemble's row from each answering teacher's row, keyed by teacher name. */
    Row combine(Iterable<Tuple2<String, Row>> answers) {
        Map<String, Row> byMember = new LinkedHashMap<>();
        answers.forEach(t -> byMember.put(t._1(), t._2()));
        EnsembleVote vote;
        Row base;
        if (labelTask) {
            Map<String, float[]> logits = new LinkedHashMap<>();
            byMember.forEach((name, row) -> logits.put(name, SyntheticSchema.floats(row, "teacher_logits")));
            vote = ensemble.combineLabels(logits, labels, temperature);
            base = ensemble.members().stream().map(TeacherEnsemble.Member::name).filter(byMember::containsKey)
                    .findFirst().map(byMember::get).orElseThrow();
        } else {
            Map<String, String> texts = new LinkedHashMap<>();
            byMember.forEach((name, row) -> texts.put(name, row.getString(row.fieldIndex("teacher_label"))));
            vote = ensemble.combineTexts(texts);
            base = byMember.get(vote.chosenMember());
        }
        StructField[] fields = SyntheticSchema.SCHEMA.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            values[i] = Arrays.asList(base.schema().fieldNames()).contains(name) ? base.get(base.fieldIndex(name))
                    : null;
        }
        Row newest = byMember.values().stream()
                .max(Comparator.comparing(r -> r.getTimestamp(r.fieldIndex("generated_at")))).orElseThrow();
        set(values, "teacher_label", vote.answer());
        if (labelTask) {
            set(values, "teacher_probabilities", vote.probabilities());
            set(values, "teacher_logits", vote.logits());
            set(values, "temperature", temperature);
            set(values, "teacher_rationale", rationale(byMember, vote));
            set(values, "template_version", byMember.values().stream().map(r -> r.getString(
                    r.fieldIndex("template_version"))).filter(Objects::nonNull).distinct()
                    .collect(Collectors.collectingAndThen(Collectors.joining(","), s -> s.isEmpty() ? null : s)));
        }
        set(values, "teacher_name", identity.name());
        set(values, "teacher_version", identity.version());
        set(values, "teacher_fingerprint", identity.fingerprint());
        set(values, "teacher_details", identity.details());
        for (String column : List.of("prompt_tokens", "completion_tokens", "attempts")) {
            Long sum = total(byMember, column);
            set(values, column, sum == null ? null : Math.toIntExact(sum));
        }
        set(values, "latency_ms", total(byMember, "latency_ms"));
        set(values, "run_id", newest.getString(newest.fieldIndex("run_id")));
        set(values, "generated_at", newest.getTimestamp(newest.fieldIndex("generated_at")));
        set(values, "teacher_votes", json(vote.votes()));
        set(values, "teacher_disagreement", vote.disagreement());
        set(values, "teachers_answered", vote.answered());
        return RowFactory.create(values);
    }

    /** The rationale of the heaviest teacher whose label is the ensemble's and that gave one; null when none did. */
    private String rationale(Map<String, Row> byMember, EnsembleVote vote) {
        return ensemble.members().stream()
                .filter(m -> vote.answer().equals(vote.votes().get(m.name())))
                .sorted(Comparator.comparingDouble(TeacherEnsemble.Member::weight).reversed())
                .map(m -> byMember.get(m.name()))
                .map(r -> r.getString(r.fieldIndex("teacher_rationale")))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The sum of a usage column over the teachers that reported it; null when none did. */
    private static Long total(Map<String, Row> byMember, String column) {
        Long sum = null;
        for (Row r : byMember.values()) {
            int i = r.fieldIndex(column);
            if (!r.isNullAt(i)) {
                sum = (sum == null ? 0 : sum) + ((Number) r.get(i)).longValue();
            }
        }
        return sum;
    }

    private static void set(Object[] values, String column, Object value) {
        values[SyntheticSchema.SCHEMA.fieldIndex(column)] = value;
    }

    private static String json(Map<String, String> votes) {
        try {
            return JSON.writeValueAsString(votes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write votes " + votes, e);
        }
    }
}
