package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.InputException;
import io.sparkdistill.teacher.batch.BatchResultLine;
import io.sparkdistill.teacher.batch.BatchResultReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads Batch API output (and error) files downloaded into a folder, or one such file, as an RDD of
 * {@link BatchResultLine}: one Spark task per file, streamed line by line so a 200 MB file is never held whole, and
 * a malformed line fails the read naming its file and line number. Joining the lines to their examples by
 * {@code custom_id} and validating them is the caller's (generate's) business.
 */
public final class BatchOutputImport {
    private BatchOutputImport() {
    }

    /**
     * The result lines of every file at {@code path} (a file, or a folder whose files not starting with "." or "_"
     * are read).
     *
     * @throws IllegalStateException when there is no such file or the folder holds none
     */
    public static JavaRDD<BatchResultLine> read(SparkSession spark, String path) {
        List<String> files = files(spark, path);
        SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(files, files.size())
                .flatMap(file -> new FileLines(file, hadoop));
    }

    private static List<String> files(SparkSession spark, String path) {
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                throw new InputException("no batch output at " + path
                        + "; download the batch's output file (and error file) there first");
            }
            List<String> files = new ArrayList<>();
            for (FileStatus status : fs.listStatus(root)) {
                String name = status.getPath().getName();
                if (status.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                    files.add(status.getPath().toString());
                }
            }
            if (files.isEmpty()) {
                throw new InputException("no batch output file in " + path
                        + "; download the batch's output file there first");
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** The parsed non-blank lines of one file, read as they are asked for; closed at the end or with the task. */
    private static final class FileLines implements Iterator<BatchResultLine> {
        private final String file;
        private final BufferedReader reader;
        private long lineNumber;
        private BatchResultLine next;
        private boolean closed;

        FileLines(String file, SerializableConfiguration hadoop) throws IOException {
            this.file = file;
            Path p = new Path(file);
            this.reader = new BufferedReader(new InputStreamReader(p.getFileSystem(hadoop.value()).open(p),
                    StandardCharsets.UTF_8));
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) context -> close());
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !closed) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read batch output " + file, e);
                }
                if (line == null) {
                    close();
                } else {
                    lineNumber++;
                    if (!line.isBlank()) {
                        next = BatchResultReader.parse(line, file, lineNumber);
                    }
                }
            }
            return next != null;
        }

        @Override
        public BatchResultLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BatchResultLine line = next;
            next = null;
            return line;
        }

        private void close() {
            if (!closed) {
                closed = true;
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // Nothing was lost: every line was read or the task is ending anyway.
                }
            }
        }
    }
}
