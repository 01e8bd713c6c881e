package io.sparkdistill.jobs.lock;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A lock file on a Hadoop file system (HDFS, or an object store through its connector). HDFS creates without
 * overwrite atomically at the NameNode; object stores give what their connector's create gives (see the README).
 */
record HadoopLockFile(FileSystem fs, Path path) implements LockFile {

    @Override
    public boolean createNew(String content) throws IOException {
        fs.mkdirs(path.getParent());
        try (FSDataOutputStream out = fs.create(path, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            // HDFS answers a create racing another one with AlreadyBeingCreatedException, not only
            // FileAlreadyExistsException: either way the file is there and someone else made it.
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Stored> read() throws IOException {
        try {
            FileStatus status = fs.getFileStatus(path);
            try (var in = fs.open(path)) {
                return Optional.of(new Stored(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        status.getModificationTime()));
            }
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Rewrites the content, since object stores ignore setTimes; a reader may briefly find it empty. */
    @Override
    public void touch(String content) throws IOException {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public boolean renameTo(String name) throws IOException {
        try {
            return fs.rename(path, new Path(path.getParent(), name));
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return path.getName();
    }

    @Override
    public LockFile sibling(String name) {
        return new HadoopLockFile(fs, new Path(path.getParent(), name));
    }

    @Override
    public void delete() throws IOException {
        fs.delete(path, false);
    }
}
