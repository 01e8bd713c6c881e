package io.sparkdistill.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Small files of a run (summaries, the teacher head, saved students) on whatever Hadoop file system the run folder
 * is on, so a run on {@code hdfs://} or {@code s3a://} works like one on a laptop.
 */
public final class RunStorage {
    private final Configuration hadoop;

    public RunStorage(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    /** True when a Spark write completed there: Spark leaves {@code _SUCCESS} at the root after each one. */
    public boolean isCompleteDataset(String path) {
        return exists(path + "/_SUCCESS");
    }

    public String readString(String path) {
        try {
            Path p = new Path(path);
            try (var in = p.getFileSystem(hadoop).open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Writes so a reader never sees half a file: through a temporary file and a rename where a rename is atomic;
     * on an object store, where a rename is a copy and an object appears only once its upload completes, directly.
     */
    public void writeString(String path, String content) {
        try {
            Path target = new Path(path);
            FileSystem fs = target.getFileSystem(hadoop);
            // No .crc side files next to summaries people open by hand.
            fs.setWriteChecksum(false);
            if (ObjectStores.isObjectStore(target.toUri().getScheme())) {
                try (FSDataOutputStream out = fs.create(target, true)) {
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /**
     * Replaces the folder at {@code target} with the local folder {@code local}. The copy goes to a hidden sibling
     * and is renamed into place once whole, so a copy that fails part way leaves the previous folder, never a
     * half-copied one that a later stage would load (the rename is atomic on HDFS and local disks; object stores
     * copy, so there the window is the rename, not the upload).
     */
    public void uploadFolder(java.nio.file.Path local, String target) {
        Path dst = new Path(target);
        Path staging = new Path(dst.getParent(), "." + dst.getName() + ".uploading");
        FileSystem fs = null;
        try {
            fs = dst.getFileSystem(hadoop);
            fs.delete(staging, true);
            fs.mkdirs(dst.getParent());
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), staging);
            fs.delete(dst, true);
            if (!fs.rename(staging, dst)) {
                throw new IOException("rename " + staging + " -> " + dst + " failed");
            }
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("cannot copy " + local + " to " + target, e);
            try {
                if (fs != null) {
                    fs.delete(staging, true);
                }
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** Copies the folder at {@code source} into a new local temporary folder, for libraries that read local files. */
    public java.nio.file.Path downloadFolder(String source) {
        try {
            Path src = new Path(source);
            FileSystem fs = src.getFileSystem(hadoop);
            if (!fs.exists(src)) {
                throw new InputException(source + " does not exist; run the stage that writes it first");
            }
            java.nio.file.Path local = Files.createTempDirectory("spark-distill-");
            fs.copyToLocalFile(false, src, new Path(local.toUri()), true);
            return local.resolve(src.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to a local folder", e);
        }
    }

    /**
     * Puts the folder {@code fresh} in the place of {@code target} by a rename: a reader sees the old folder, no
     * folder, or the new one, never part of one.
     */
    public void replace(String fresh, String target) {
        try {
            Path src = new Path(fresh);
            Path dst = new Path(target);
            FileSystem fs = dst.getFileSystem(hadoop);
            fs.delete(dst, true);
            if (!fs.rename(src, dst)) {
                throw new IOException("rename " + src + " -> " + dst + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + fresh + " to " + target, e);
        }
    }

    /**
     * Removes a data set whose first write never completed (files but no {@code _SUCCESS}: a run killed while Spark
     * committed it). Nothing in it counts as written, and appending to it would make its rows count twice once the
     * next write adds the marker. Returns whether it did.
     */
    public boolean discardIncomplete(String path) {
        if (!exists(path) || isCompleteDataset(path) || exists(path + "/_delta_log")) {
            return false;
        }
        delete(path);
        return true;
    }

    public void delete(String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(hadoop).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
