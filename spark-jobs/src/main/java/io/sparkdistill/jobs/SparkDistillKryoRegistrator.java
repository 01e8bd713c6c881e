package io.sparkdistill.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo for the job: ND4J's serializers for its arrays (which dl4j-spark ships between JVMs), and Java serialization
 * for Java records. Spark's Kryo (4.x) builds its field serializer from field offsets, which the JDK refuses for
 * records ("can't get field offset on a record class"), and the pipeline's RDDs carry records; every one of them
 * is Serializable, so Kryo hands them to Java serialization. Registration stays optional: with
 * {@code spark.kryo.registrationRequired} the first shuffle fails on the first class no one listed.
 */
public class SparkDistillKryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    }
}
