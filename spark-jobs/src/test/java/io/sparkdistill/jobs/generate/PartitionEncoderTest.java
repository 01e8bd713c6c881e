package io.sparkdistill.jobs.generate;

import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.ExampleId;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.teacher.EncoderSession;
import io.sparkdistill.teacher.SentenceEncoder;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionEncoderTest {

    @Test
    void answersSortedByLengthWithinAWindowComeBackInInputOrderEachWithItsOwnTextsEmbedding() {
        List<Example> examples = new ArrayList<>();
        String[] texts = {"Where is my parcel?", "ok", "I was charged twice for the same invoice this month and the "
                + "billing portal still shows both payments as pending, please refund one of them", "cancel my plan",
                "The courier left the package at the wrong address again", "hi there"};
        for (int i = 0; i < 30; i++) {
            Map<String, String> inputs = Map.of("text", texts[i % texts.length] + " #" + i);
            examples.add(new Example(ExampleId.of(TaskType.CLASSIFICATION, Split.TRAIN, inputs, "billing"),
                    TaskType.CLASSIFICATION, Split.TRAIN, inputs, "billing", "train.jsonl", i + 1));
        }
        List<Tuple2<Example, float[]>> out = EncodingPass.collect(SharedSpark.session(), examples, 2, 4, 4);

        assertEquals(examples, out.stream().map(Tuple2::_1).toList());
        try (EncoderSession alone = SentenceEncoder.shared().newSession()) {
            for (Tuple2<Example, float[]> row : out) {
                float[] single = alone.encode(row._1().segments())[0];
                double cosine = 0;
                for (int k = 0; k < single.length; k++) {
                    cosine += single[k] * row._2()[k];
                }
                // The int8 model's embeddings move a little with their batch mates (SentenceEncoderTest).
                assertTrue(cosine > 0.95, row._1().inputs() + ": cosine " + cosine + " with the text encoded alone");
            }
        }
    }
}
