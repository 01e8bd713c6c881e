package io.sparkdistill.jobs.cli;

import io.sparkdistill.error.UserError;
import io.sparkdistill.error.UserError.Kind;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkException;
import org.apache.spark.SparkThrowable;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure the user can fix from a bug, by the cause chain: Spark wraps an executor's exception in a
 * {@link SparkException} ("Job aborted due to stage failure"), Hadoop wraps I/O errors in its own types, so the type
 * that says what went wrong is rarely the outermost. The first cause in the chain that names something the user can
 * change (a {@link UserError} thrown anywhere, a permission, a full disk, a host, a file in the way, the master URL)
 * becomes a {@link UserError} whose message says what to do; anything else is internal.
 */
final class UserErrorMapper {
    private static final int LONGEST_DETAIL = 300;

    private UserErrorMapper() {
    }

    /** The user error in {@code failure}'s cause chain, or empty when the failure is internal. */
    static Optional<UserError> userErrorIn(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            Optional<UserError> mapped = map(t);
            if (mapped.isPresent()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    /** The innermost cause: what an internal failure's summary line names, since the outer ones only wrap it. */
    static Throwable rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }

    /** The first line of a throwable's message, shortened: Spark's messages carry whole executor stack traces. */
    static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).strip();
        return line.length() > LONGEST_DETAIL ? line.substring(0, LONGEST_DETAIL) + "..." : line;
    }

    private static Optional<UserError> map(Throwable t) {
        String detail = firstLine(t);
        if (t instanceof UserError user) {
            return Optional.of(user);
        }
        if (t instanceof AccessControlException || t instanceof AccessDeniedException) {
            return storage("permission denied: " + detail + ". Give the user running distill access there, or "
                    + "choose another output.dir (or data path)", t);
        }
        if (t instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                || t instanceof org.apache.hadoop.mapred.FileAlreadyExistsException) {
            return storage("a file is in the way: " + detail + ". Remove it, or set output.run_name to write a new "
                    + "run folder", t);
        }
        if (t instanceof FSError || isOutOfSpace(detail)) {
            return storage("the file system failed to write (" + detail + "); free space where the run and Spark's "
                    + "scratch folders (spark.local.dir) write, or choose another output.dir", t);
        }
        if (t instanceof UnknownHostException) {
            return storage("unknown host '" + detail + "': check the host names in output.dir, the data paths and "
                    + "spark.master", t);
        }
        if (t instanceof ConnectException) {
            return storage("cannot connect: " + detail + ". Check that the file system or cluster named in "
                    + "output.dir, the data paths or spark.master is up and its address is right", t);
        }
        if (t instanceof UnsupportedFileSystemException) {
            return storage(detail + ": use a scheme this installation can read (file://, hdfs://, s3a:// with "
                    + "hadoop-aws on the class path, ...) in output.dir and the data paths", t);
        }
        if (t instanceof SparkThrowable spark && "CANNOT_READ_FILE_FOOTER".equals(spark.getErrorClass())
                || t.getClass().getName().equals("org.apache.parquet.io.ParquetDecodingException")
                || !(t instanceof SparkException) && detail.contains(" is not a Parquet file")) {
            return storage("a data file cannot be read: " + detail.replaceAll("\\.$", "")
                    + ". Move the file away and run again: its examples are pending again, and an API teacher's "
                    + "answers come back from the teacher cache without being paid for twice", t);
        }
        if (t instanceof SparkThrowable spark && "PATH_NOT_FOUND".equals(spark.getErrorClass())) {
            return Optional.of(new UserError(Kind.INPUT, detail + " Check the path in the config, or run the "
                    + "stage that writes it first", t));
        }
        if (t instanceof SparkException && detail.startsWith("Could not parse Master URL")) {
            return Optional.of(new UserError(Kind.SPARK_MASTER, detail + ": set spark.master in the config (or "
                    + "--master of spark-submit) to local[*], local[N], spark://host:port, yarn or k8s://...", t));
        }
        return Optional.empty();
    }

    private static boolean isOutOfSpace(String message) {
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    private static Optional<UserError> storage(String message, Throwable cause) {
        return Optional.of(new UserError(Kind.STORAGE, message, cause));
    }
}
