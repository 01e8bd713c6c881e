package io.sparkdistill.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies a Hadoop URL (file or folder) to a new local temporary folder with FileSystem.copyToLocalFile, on
 * whichever JVM calls it, with the driver's Hadoop settings (broadcast once).
 */
public final class HadoopFetcher implements Function<String, Path>, Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopFetcher.class);

    private final Broadcast<HashMap<String, String>> hadoopSettings;

    private HadoopFetcher(Broadcast<HashMap<String, String>> hadoopSettings) {
        this.hadoopSettings = hadoopSettings;
    }

    public static HadoopFetcher of(RunContext run) {
        HashMap<String, String> settings = new HashMap<>();
        for (Map.Entry<String, String> e : run.spark().sparkContext().hadoopConfiguration()) {
            settings.put(e.getKey(), e.getValue());
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        return new HadoopFetcher(sc.broadcast(settings));
    }

    @Override
    public Path apply(String url) {
        Configuration conf = new Configuration(false);
        hadoopSettings.value().forEach(conf::set);
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(url);
        try {
            FileSystem fs = source.getFileSystem(conf);
            if (!fs.exists(source)) {
                throw new IllegalArgumentException("teacher.local.path: " + url + " does not exist");
            }
            Path local = Files.createTempDirectory("spark-distill-fetch-");
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
            LOG.info("copied the local teacher {} to {}", url, local);
            return local.resolve(source.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the local teacher " + url + " to this machine", e);
        }
    }
}
