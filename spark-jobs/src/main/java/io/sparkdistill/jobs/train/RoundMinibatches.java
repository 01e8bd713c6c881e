package io.sparkdistill.jobs.train;

import io.sparkdistill.student.AveragingRounds;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Function;

/**
 * A label student's minibatches cached once, each as its own serialised bytes, and dealt out into averaging rounds.
 * dl4j-spark's parameter averaging caches a partition's minibatches as one serialised stream and cuts each round out
 * of it with a filter, so every round deserialised every minibatch of the partition to keep a few: once the fastText
 * student's steps were cheap, that was the largest share of a round after shipping the parameters. Here a round
 * deserialises its own minibatches only. As dl4j-spark's split does, each fit deals a partition's minibatches to the
 * rounds in a fresh seeded order, here in equal shares of {@code averaging_frequency}. The bytes are cached in
 * memory and on disk: Spark counts their real size and spills rather than drops them.
 */
final class RoundMinibatches {
    private static final ClassTag<DataSet> DATA_SET = ClassTag$.MODULE$.apply(DataSet.class);

    private final int sourceId;
    private final JavaRDD<byte[]> bytes;
    private final int[] sizes;

    private RoundMinibatches(int sourceId, JavaRDD<byte[]> bytes, int[] sizes) {
        this.sourceId = sourceId;
        this.bytes = bytes;
        this.sizes = sizes;
    }

    /** Serialises and caches {@code minibatches}, and counts each partition's. */
    static RoundMinibatches cache(JavaRDD<DataSet> minibatches) {
        JavaRDD<byte[]> bytes = minibatches.mapPartitions(RoundMinibatches::serialised, true);
        bytes.persist(StorageLevel.MEMORY_AND_DISK());
        int[] sizes = PartitionSizes.of(bytes);
        return new RoundMinibatches(minibatches.id(), bytes, sizes);
    }

    /** Whether these are the minibatches of {@code minibatches} (the same RDD, fitted again for another epoch). */
    boolean holds(JavaRDD<DataSet> minibatches) {
        return minibatches.id() == sourceId;
    }

    /** Rounds of {@code perRound} minibatches per partition that one pass takes. */
    int rounds(int perRound) {
        return new AveragingRounds(1, perRound).perEpoch(Arrays.stream(sizes).max().orElse(0));
    }

    /**
     * Round {@code round}'s minibatches of the pass dealt by {@code seed}: up to {@code perRound} per partition, dealt
     * as the text students' examples are ({@link AveragingRounds}), deserialised as read, in the partition's order:
     * DL4J's worker merges a minibatch smaller than the minibatch size with the next one, which minibatches padded
     * to different widths refuse, and only the partition's last minibatch is smaller.
     */
    JavaRDD<DataSet> round(long seed, int round, int perRound) {
        int[] counts = sizes;
        AveragingRounds rounds = new AveragingRounds(1, perRound);
        return bytes.mapPartitionsWithIndex((partition, part) -> deserialised(rounds.round(part, counts[partition],
                seed * 31 + partition, round)), true);
    }

    /** Drops the cached bytes. */
    void release() {
        bytes.unpersist(false);
    }

    // Static, so that the closures capture their arguments and not this driver-side object.
    private static Iterator<DataSet> deserialised(Iterator<byte[]> picked) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        return mapped(picked, bytes -> serializer.deserialize(ByteBuffer.wrap(bytes), DATA_SET));
    }

    private static Iterator<byte[]> serialised(Iterator<DataSet> minibatches) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        return mapped(minibatches, minibatch -> {
            ByteBuffer buffer = serializer.serialize(minibatch, DATA_SET);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        });
    }

    /** {@code items} turned one by one, as read: a partition's minibatches are never all in memory at once. */
    private static <A, B> Iterator<B> mapped(Iterator<A> items, Function<A, B> turn) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public B next() {
                return turn.apply(items.next());
            }
        };
    }
}
