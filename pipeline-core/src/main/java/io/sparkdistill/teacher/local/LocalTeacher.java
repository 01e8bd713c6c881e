package io.sparkdistill.teacher.local;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.math.Softmax;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.TeacherAnswer;
import io.sparkdistill.teacher.TeacherFeatures;
import io.sparkdistill.teacher.TeacherClient;
import io.sparkdistill.teacher.TeacherInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local model as a {@link TeacherClient}: an encoder's features through a fitted {@link LinearHead}, or a
 * classifier's own logits, which must come one per label in the job's label order. One instance per thread (it owns
 * one {@link LocalSession}).
 */
public final class LocalTeacher implements TeacherClient {

    private final LocalSession session;
    private final LinearHead head;
    private final List<String> labels;
    private final double temperature;
    private final TeacherFeatures features;

    private LocalTeacher(LocalSession session, LinearHead head, List<String> labels, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.session = session;
        this.head = head;
        this.labels = List.copyOf(labels);
        this.temperature = temperature;
        this.features = new TeacherFeatures(session::encode);
    }

    /** An encoder model with its fitted head; this teacher closes the session. */
    public static LocalTeacher withHead(LocalSession session, LinearHead head, double temperature) {
        if (!session.model().isEncoder()) {
            throw new IllegalArgumentException("a head goes on an encoder model; this one is a classifier");
        }
        return new LocalTeacher(session, head, head.labels(), temperature);
    }

    /** A classifier model whose logits are in the order of {@code labels}; this teacher closes the session. */
    public static LocalTeacher classifier(LocalSession session, List<String> labels, double temperature) {
        if (session.model().isEncoder()) {
            throw new IllegalArgumentException("an encoder model needs a fitted head: use withHead");
        }
        return new LocalTeacher(session, null, labels, temperature);
    }

    @Override
    public List<TeacherAnswer> answer(List<Example> batch) {
        List<TeacherAnswer> answers = new ArrayList<>(batch.size());
        if (batch.isEmpty()) {
            return answers;
        }
        if (head != null) {
            for (float[] row : features.of(batch)) {
                answers.add(head.answer(row, temperature));
            }
            return answers;
        }
        for (float[] z : logits(batch)) {
            if (z.length != labels.size()) {
                throw new IllegalStateException("the local classifier gives " + z.length + " logits but the job has "
                        + labels.size() + " labels " + labels + "; its outputs must be one logit per label, in "
                        + "that order");
            }
            answers.add(new TeacherAnswer(labels.get(Softmax.argmax(z)), Softmax.of(z, temperature), z));
        }
        return answers;
    }

    private float[][] logits(List<Example> batch) {
        TaskType task = batch.get(0).task();
        for (Example e : batch) {
            if (e.task() != task) {
                throw new IllegalArgumentException("a batch mixes " + task.configName() + " and "
                        + e.task().configName() + " examples");
            }
        }
        TeacherFeatures.dimension(batch.get(0).segments().size(), 1);
        return batch.get(0).segments().size() == 1
                ? session.logits(batch.stream().map(e -> e.segments().get(0)).toList())
                : session.pairLogits(batch.stream().map(e -> e.segments().get(0)).toList(),
                batch.stream().map(e -> e.segments().get(1)).toList());
    }

    @Override
    public TeacherInfo info() {
        LocalModel model = session.model();
        Map<String, String> details = new LinkedHashMap<>(model.details());
        details.put("temperature", String.valueOf(temperature));
        details.put("labels", String.join(",", labels));
        if (head != null) {
            details.putAll(head.details());
        }
        return new TeacherInfo(model.name() + (head != null ? " + logistic head" : ""), model.path(),
                model.fingerprint(), details);
    }

    /** Closes the session, not the shared model. */
    @Override
    public void close() {
        session.close();
    }
}
