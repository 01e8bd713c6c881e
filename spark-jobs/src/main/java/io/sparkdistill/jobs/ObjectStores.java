package io.sparkdistill.jobs;

import java.util.Locale;
import java.util.Set;

/**
 * The Hadoop file systems that are object stores: a rename there is a copy and a delete (neither atomic nor cheap),
 * while a single object becomes visible only once its upload completes. HDFS, local disks and ADLS Gen2 with a
 * hierarchical namespace ({@code abfs}, {@code abfss}) rename atomically.
 */
final class ObjectStores {
    private static final Set<String> SCHEMES = Set.of("s3a", "s3", "s3n", "gs", "wasb", "wasbs", "oss", "cosn");

    private ObjectStores() {
    }

    static boolean isObjectStore(String scheme) {
        return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
    }
}
