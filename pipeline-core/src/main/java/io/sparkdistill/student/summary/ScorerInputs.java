package io.sparkdistill.student.summary;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Lays documents out as the sentence scorer's inputs: three arrays {@code [documents, features, sentences]} (teacher
 * vector, scalars, cue buckets), padded to the longest document, with a mask of the real sentences; for training,
 * the oracle gains as labels {@code [documents, 1, sentences]} under the same mask.
 */
final class ScorerInputs {
    private ScorerInputs() {
    }

    /** The inputs of one document, unpadded: no mask needed. */
    static INDArray[] of(DocumentFeatures document, ExtractivePreparation prepared) {
        return features(List.of(document), document.size(), prepared);
    }

    /** A minibatch of documents and each one's sentence gains. */
    static MultiDataSet dataSet(List<DocumentFeatures> documents, List<float[]> gains,
                                ExtractivePreparation prepared) {
        int longest = 0;
        for (DocumentFeatures document : documents) {
            longest = Math.max(longest, document.size());
        }
        float[] labels = new float[documents.size() * longest];
        float[] mask = new float[documents.size() * longest];
        for (int b = 0; b < documents.size(); b++) {
            for (int t = 0; t < documents.get(b).size(); t++) {
                labels[b * longest + t] = gains.get(b)[t];
                mask[b * longest + t] = 1f;
            }
        }
        INDArray maskArray = Nd4j.create(mask, new long[]{documents.size(), longest}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(features(documents, longest, prepared),
                new INDArray[]{Nd4j.create(labels, new long[]{documents.size(), 1, longest}, 'c')},
                new INDArray[]{maskArray, maskArray, maskArray}, new INDArray[]{maskArray});
    }

    private static INDArray[] features(List<DocumentFeatures> documents, int longest,
                                       ExtractivePreparation prepared) {
        int count = documents.size();
        int width = prepared.vectorWidth();
        int buckets = prepared.cueBuckets();
        float[] vectors = new float[count * width * longest];
        float[] scalars = new float[count * SentenceFeaturizer.SCALARS * longest];
        float[] cues = new float[count * buckets * longest];
        for (int b = 0; b < count; b++) {
            DocumentFeatures document = documents.get(b);
            for (int t = 0; t < document.size(); t++) {
                put(vectors, document.vectors()[t], b, t, width, longest);
                put(scalars, document.scalars()[t], b, t, SentenceFeaturizer.SCALARS, longest);
                for (int bucket : document.cues()[t]) {
                    cues[(b * buckets + bucket) * longest + t] = 1f;
                }
            }
        }
        return new INDArray[]{
                Nd4j.create(vectors, new long[]{count, width, longest}, 'c'),
                Nd4j.create(scalars, new long[]{count, SentenceFeaturizer.SCALARS, longest}, 'c'),
                Nd4j.create(cues, new long[]{count, buckets, longest}, 'c')};
    }

    /** Writes one sentence's feature column into a {@code [documents, features, sentences]} buffer. */
    private static void put(float[] buffer, float[] column, int document, int sentence, int features, int longest) {
        for (int f = 0; f < features; f++) {
            buffer[(document * features + f) * longest + sentence] = column[f];
        }
    }
}
