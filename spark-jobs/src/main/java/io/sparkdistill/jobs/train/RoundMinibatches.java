package io.sparkdistill.jobs.train;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

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
        List<Tuple2<Integer, Integer>> counted = bytes.mapPartitionsWithIndex((partition, part) -> {
            int n = 0;
            for (; part.hasNext(); part.next()) {
                n++;
            }
            return List.of(new Tuple2<>(partition, n)).iterator();
        }, true).collect();
        int[] sizes = new int[bytes.getNumPartitions()];
        counted.forEach(t -> sizes[t._1()] = t._2());
        return new RoundMinibatches(minibatches.id(), bytes, sizes);
    }

    /** Whether these are the minibatches of {@code minibatches} (the same RDD, fitted again for another epoch). */
    boolean holds(JavaRDD<DataSet> minibatches) {
        return minibatches.id() == sourceId;
    }

    /** Rounds of {@code perRound} minibatches per partition that one pass takes. */
    int rounds(int perRound) {
        int largest = Arrays.stream(sizes).max().orElse(0);
        return (largest + perRound - 1) / perRound;
    }

    /** Round {@code round}'s minibatches of the pass dealt by {@code seed}: up to {@code perRound} per partition. */
    JavaRDD<DataSet> round(long seed, int round, int perRound) {
        int[] counts = sizes;
        return bytes.mapPartitionsWithIndex((partition, part) -> dealt(part, counts[partition],
                dealing(seed, partition, counts[partition]), round * perRound, perRound), true);
    }

    /** Drops the cached bytes. */
    void release() {
        bytes.unpersist(false);
    }

    /** Positions 0 to size - 1 in the pass's seeded order for one partition. */
    private static int[] dealing(long seed, int partition, int size) {
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 31 + partition));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The minibatches dealt {@code from} to {@code from + count}, deserialised as read, in the partition's order:
     * DL4J's worker merges a minibatch smaller than the minibatch size with the next one, which minibatches padded
     * to different widths refuse, and only the partition's last minibatch is smaller.
     */
    private static Iterator<DataSet> dealt(Iterator<byte[]> part, int size, int[] order, int from, int count) {
        int to = Math.min(size, from + count);
        if (from >= to) {
            return Collections.emptyIterator();
        }
        boolean[] chosen = new boolean[size];
        for (int j = from; j < to; j++) {
            chosen[order[j]] = true;
        }
        List<byte[]> picked = new ArrayList<>(to - from);
        for (int position = 0; part.hasNext(); position++) {
            byte[] next = part.next();
            if (chosen[position]) {
                picked.add(next);
            }
        }
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        return picked.stream().map(b -> serializer.deserialize(ByteBuffer.wrap(b), DATA_SET)).iterator();
    }

    private static Iterator<byte[]> serialised(Iterator<DataSet> minibatches) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return minibatches.hasNext();
            }

            @Override
            public byte[] next() {
                ByteBuffer buffer = serializer.serialize(minibatches.next(), DATA_SET);
                byte[] out = new byte[buffer.remaining()];
                buffer.get(out);
                return out;
            }
        };
    }
}
