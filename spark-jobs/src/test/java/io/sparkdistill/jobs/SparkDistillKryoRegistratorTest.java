package io.sparkdistill.jobs;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.qa.ExtractiveInputs;
import io.sparkdistill.student.qa.ExtractiveNetwork;
import io.sparkdistill.student.qa.ExtractiveSizes;
import io.sparkdistill.student.qa.ExtractiveStudent;
import io.sparkdistill.student.qa.ReadingVocabulary;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextStudent;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SparkDistillKryoRegistratorTest {
    private static final Example EXAMPLE = new Example("id-1", TaskType.CLASSIFICATION, Split.TRAIN,
            Map.of("text", "I was charged twice"), "billing", "train.jsonl", 3);

    private static SerializerInstance kryo(String registrator) {
        return new KryoSerializer(new SparkConf(false)
                .set("spark.serializer", KryoSerializer.class.getName())
                .set("spark.kryo.registrator", registrator)).newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance serializer, T value) {
        var tag = ClassTag$.MODULE$.<T>apply(Object.class);
        return serializer.deserialize(serializer.serialize(value, tag), tag);
    }

    @Test
    void recordsAndNd4jArraysSurviveSparksKryoWithTheJobsRegistrator() {
        SerializerInstance serializer = kryo(SparkDistillKryoRegistrator.class.getName());
        assertEquals(EXAMPLE, roundTrip(serializer, EXAMPLE));
        assertEquals(List.of(EXAMPLE, EXAMPLE), roundTrip(serializer, List.of(EXAMPLE, EXAMPLE)));
        assertEquals(List.of("a"), roundTrip(serializer, List.of("a")));
        assertEquals(List.of("a", "b", "c"), roundTrip(serializer, Stream.of("a", "b", "c").toList()));
        assertEquals(Set.of(1, 2, 3), roundTrip(serializer, Set.of(1, 2, 3)));
        assertEquals(Map.of("k", List.of(1.5)), roundTrip(serializer, Map.of("k", List.of(1.5))));
        assertEquals(List.of("x"), roundTrip(serializer, Collections.unmodifiableList(new ArrayList<>(List.of("x")))));
        assertEquals(new ArrayList<>(List.of("mutable")), roundTrip(serializer, new ArrayList<>(List.of("mutable"))));
        INDArray array = Nd4j.create(new float[]{1, 2, 3, 4}, 2, 2);
        assertEquals(array, roundTrip(serializer, array));
    }

    @Test
    void nd4jArraysOfEveryLayoutAndTypeComeBackEqualThroughTheBulkSerializer() {
        SerializerInstance serializer = kryo(SparkDistillKryoRegistrator.class.getName());
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 3, 5);
        List<INDArray> arrays = List.of(matrix, matrix.getColumn(2), matrix.get(NDArrayIndex.interval(1, 3),
                        NDArrayIndex.all()), matrix.dup('f'), Nd4j.scalar(2.5), Nd4j.empty(DataType.FLOAT),
                Nd4j.createFromArray(new long[] {1, -2, 3}), Nd4j.createFromArray(new int[][] {{1, 2}, {3, 4}}),
                Nd4j.createFromArray(true, false), Nd4j.rand(DataType.DOUBLE, 2, 2, 2),
                Nd4j.create(DataType.FLOAT, 0, 3));
        for (INDArray array : arrays) {
            INDArray copy = roundTrip(serializer, array);
            assertEquals(array, copy, array.shapeInfoToString());
            assertEquals(array.dataType(), copy.dataType());
        }
        // parameter averaging ships the fastText student's parameters and Adam's moments, 3 x 1.05M floats, each round
        // (how much faster than ND4J's own serializer is a benchmark's question, not a test's: BENCHMARKS.md)
        INDArray parameters = Nd4j.rand(DataType.FLOAT, 1, 3 * 1_050_624);
        assertEquals(parameters, roundTrip(serializer, parameters));
    }

    @Test
    void aTextStudentKeepsItsNetworkAndItsVocabularyItsIndexThroughSparksKryo() {
        SerializerInstance serializer = kryo(SparkDistillKryoRegistrator.class.getName());
        ReadingVocabulary vocabulary = new ReadingVocabulary(List.of("the", "halcyon"),
                new float[][] {{0.5f, 0}, {0, 1}}, new long[] {2, 1}, 2);
        ExtractiveInputs inputs = new ExtractiveInputs(vocabulary, new ExtractiveSizes(2, 4, 3, 16, 4));
        TextStudent student = new ExtractiveStudent(inputs,
                ExtractiveNetwork.create(inputs.sizes(), Hyperparameters.defaults()),
                new StudentCard("distilled", "qa", "extractive", Map.of(), Map.of(), null, Map.of()));
        Map<String, String> fields = Map.of("context", "The halcyon days of the old port.",
                "question", "Which days?");

        // What Spark's broadcast of a student does on a real cluster's executors (local mode hands over the object).
        TextStudent copy = roundTrip(serializer, student);
        assertEquals(student.parameterCount(), copy.parameterCount());
        assertEquals(student.newAnswerer().answer(fields).text(), copy.newAnswerer().answer(fields).text());
        assertEquals(1, roundTrip(serializer, vocabulary).id("halcyon"));
    }

    @Test
    void nd4jsRegistratorAloneCannotCarryARecordNorAnImmutableList() {
        SerializerInstance serializer = kryo("org.nd4j.kryo.Nd4jRegistrator");
        assertThrows(RuntimeException.class, () -> roundTrip(serializer, EXAMPLE),
                "if Kryo learns records and immutable collections, this registrator can go back to being ND4J's");
        assertThrows(RuntimeException.class, () -> roundTrip(serializer, List.of("a", "b", "c")));
    }
}
