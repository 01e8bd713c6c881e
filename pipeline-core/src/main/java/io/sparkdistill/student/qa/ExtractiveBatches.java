package io.sparkdistill.student.qa;

import io.sparkdistill.student.text.TextExample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Minibatches for the extractive reader, made lazily from a stream of examples: each holds the context features
 * ({@code [batch, channels, tokens]}, padded to the batch's longest context), the question summaries, the real
 * tokens as {@link ExtractiveNetwork#TOKENS} wants them, and the start and end targets ({@code [batch, 2, tokens]}),
 * with one mask marking the real tokens for inputs and targets. Examples none of
 * whose answers is found in the read part of the context are skipped: there is no span to learn.
 */
final class ExtractiveBatches implements Iterator<MultiDataSet> {

    /** One usable example, read. */
    private record Row(ReadingFeatures features, SpanTargets targets) {
    }

    private final ExtractiveInputs inputs;
    private final Iterator<TextExample> examples;
    private final int batchSize;
    private Row pending;

    ExtractiveBatches(ExtractiveInputs inputs, Iterator<TextExample> examples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch needs at least one example, got " + batchSize);
        }
        this.inputs = inputs;
        this.examples = examples;
        this.batchSize = batchSize;
    }

    /** The example read with its targets, or null when none of its answers can be pointed at. */
    private static Row read(ExtractiveInputs inputs, TextExample example) {
        TextTokens context = ExtractiveInputs.context(example.inputs());
        TextTokens question = ExtractiveInputs.question(example.inputs());
        SpanTargets targets = SpanTargets.of(context, question.words(), example.targets(),
                inputs.sizes().contextTokens());
        return targets.located() == 0 ? null
                : new Row(inputs.features(context, question), targets);
    }

    @Override
    public boolean hasNext() {
        while (pending == null && examples.hasNext()) {
            pending = read(inputs, examples.next());
        }
        return pending != null;
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Row> rows = new ArrayList<>(batchSize);
        while (rows.size() < batchSize && hasNext()) {
            rows.add(pending);
            pending = null;
        }
        return toDataSet(rows);
    }

    private MultiDataSet toDataSet(List<Row> rows) {
        int channels = ReadingFeatures.contextChannels(inputs.sizes().vectorWidth());
        int questionChannels = ReadingFeatures.questionChannels(inputs.sizes().vectorWidth());
        int tokens = 1;
        for (Row row : rows) {
            tokens = Math.max(tokens, row.features().length());
        }
        float[] context = new float[rows.size() * channels * tokens];
        float[] question = new float[rows.size() * questionChannels];
        float[] labels = new float[rows.size() * 2 * tokens];
        float[] mask = new float[rows.size() * tokens];
        for (int b = 0; b < rows.size(); b++) {
            ReadingFeatures features = rows.get(b).features();
            int length = features.length();
            for (int c = 0; c < channels; c++) {
                System.arraycopy(features.context(), c * length, context, (b * channels + c) * tokens, length);
            }
            System.arraycopy(features.question(), 0, question, b * questionChannels, questionChannels);
            float[] start = rows.get(b).targets().start();
            float[] end = rows.get(b).targets().end();
            System.arraycopy(start, 0, labels, (b * 2 + ExtractiveNetwork.START) * tokens, start.length);
            System.arraycopy(end, 0, labels, (b * 2 + ExtractiveNetwork.END) * tokens, end.length);
            for (int t = 0; t < length; t++) {
                mask[b * tokens + t] = 1;
            }
        }
        int n = rows.size();
        INDArray tokenMask = Nd4j.create(mask, new long[]{n, tokens}, 'c');
        INDArray realTokens = Nd4j.create(mask, new long[]{n, 1, tokens}, 'c')
                .repeat(1, inputs.sizes().filters());
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{Nd4j.create(context, new long[]{n, channels, tokens}, 'c'),
                        Nd4j.create(question, new long[]{n, questionChannels}, 'c'), realTokens},
                new INDArray[]{Nd4j.create(labels, new long[]{n, 2, tokens}, 'c')},
                new INDArray[]{tokenMask, null, tokenMask},
                new INDArray[]{tokenMask});
    }
}
