package io.sparkdistill.teacher;

import io.sparkdistill.ingest.Example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline teacher: the pretrained sentence encoder plus a linear head fitted on the labelled split. It needs no
 * network, so it is the default teacher, and it is what the student must match on quality and beat on speed.
 * One instance per thread (it owns one {@link EncoderSession}).
 */
public final class EmbeddedTeacher implements TeacherClient {

    private final EncoderSession session;
    private final TeacherFeatures features;
    private final LinearHead head;
    private final double temperature;

    /**
     * @param session     the session to encode with; this teacher closes it
     * @param head        the fitted head
     * @param temperature the softmax temperature of the soft labels (1 = the head's own probabilities)
     */
    public EmbeddedTeacher(EncoderSession session, LinearHead head, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.session = session;
        this.features = new TeacherFeatures(session);
        this.head = head;
        this.temperature = temperature;
    }

    /** A teacher on a new session of the JVM's shared encoder. */
    public static EmbeddedTeacher onSharedEncoder(LinearHead head, double temperature) {
        return new EmbeddedTeacher(SentenceEncoder.shared().newSession(), head, temperature);
    }

    @Override
    public List<TeacherAnswer> answer(List<Example> batch) {
        int embeddingDim = session.encoder().dimension();
        for (Example example : batch) {
            int expected = TeacherFeatures.dimension(example.segments().size(), embeddingDim);
            if (expected != head.featureCount()) {
                throw new IllegalArgumentException("example " + example.id() + " is a " + example.task().configName()
                        + " example (" + expected + " features) but the head reads " + head.featureCount());
            }
        }
        float[][] rows = features.of(batch);
        List<TeacherAnswer> answers = new ArrayList<>(rows.length);
        for (float[] row : rows) {
            answers.add(head.answer(row, temperature));
        }
        return answers;
    }

    @Override
    public TeacherInfo info() {
        SentenceEncoder encoder = session.encoder();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("engine", "DJL OnnxRuntime");
        details.put("pooling", "mean over attention mask, L2-normalised");
        details.put("embeddingDimension", String.valueOf(encoder.dimension()));
        details.put("modelSizeBytes", String.valueOf(encoder.modelSizeBytes()));
        details.put("temperature", String.valueOf(temperature));
        details.put("labels", String.join(",", head.labels()));
        details.putAll(head.details());
        return new TeacherInfo(encoder.modelName() + " + logistic head", encoder.version(), encoder.fingerprint(),
                details);
    }

    /** Closes the session, not the shared model. */
    @Override
    public void close() {
        session.close();
    }
}
