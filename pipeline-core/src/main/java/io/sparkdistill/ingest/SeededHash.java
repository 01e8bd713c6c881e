package io.sparkdistill.ingest;

/**
 * A stable id's place in [0, 1) under a seed: uniform over ids, the same on any machine and in any run. It draws the
 * labelled share and orders the training examples, so that neither depends on how Spark happened to partition them.
 */
public final class SeededHash {

    private SeededHash() {
    }

    public static double position(long seed, String id) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001B3L;
        }
        // SplitMix64's finaliser spreads the bits, so neighbouring ids land far apart.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h = h ^ (h >>> 31);
        return (h >>> 11) * 0x1.0p-53;
    }
}
