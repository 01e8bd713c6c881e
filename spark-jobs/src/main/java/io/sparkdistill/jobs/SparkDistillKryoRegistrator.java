package io.sparkdistill.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.sparkdistill.student.qa.ReadingVocabulary;
import io.sparkdistill.student.summary.ExtractivePreparation;
import io.sparkdistill.student.text.TextStudent;
import org.nd4j.kryo.Nd4jRegistrator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Kryo for the job: ND4J's arrays (which dl4j-spark ships between JVMs) in bulk ({@link ContiguousArraySerializer}),
 * and Java serialization for what Spark's Kryo (4.x) cannot rebuild: Java records (it builds its field serializer
 * from field offsets, which the JDK refuses for records: "can't get field offset on a record class"), and the JDK's
 * immutable and unmodifiable collections ({@code List.of}, {@code Map.of}, ...), which it refills element by element
 * and so fails on; and the classes that write or rebuild part of themselves in {@code writeObject}/{@code
 * readObject}, which Kryo's field serializer never calls, leaving their transient fields null: the text students
 * (their network travels as DL4J's model bytes; a broadcast student answered with a null network on a real cluster's
 * executors) and the vocabularies that rebuild their indexes. The pipeline's RDDs and broadcasts carry all of these,
 * and all are Serializable. Registration stays optional: with
 * {@code spark.kryo.registrationRequired} the first shuffle fails on the first class no one listed.
 */
public class SparkDistillKryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        // Re-registering the class keeps its registration id and swaps ND4J's element-by-element serializer.
        kryo.register(Nd4j.getBackend().getNDArrayClass(), new ContiguousArraySerializer());
        JavaSerializer java = new JavaSerializer();
        for (Class<?> type : javaSerialized()) {
            // A default serializer applies to every subclass: each record, each immutable list, set or map.
            kryo.addDefaultSerializer(type, java);
        }
    }

    static List<Class<?>> javaSerialized() {
        return List.of(Record.class,
                List.of().getClass().getSuperclass().getSuperclass(), // ImmutableCollections.AbstractImmutableCollection
                Map.of().getClass().getSuperclass(),                   // ImmutableCollections.AbstractImmutableMap
                Collections.unmodifiableCollection(List.of()).getClass(),
                Collections.unmodifiableMap(Map.of()).getClass(),
                TextStudent.class,
                ReadingVocabulary.class,
                ExtractivePreparation.class);
    }
}
