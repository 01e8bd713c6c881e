package io.sparkdistill.jobs.lock;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.Optional;

/**
 * The lock file on the run folder's file system, reduced to the few operations a lock needs, each as atomic as that
 * file system allows. Local disks go through java.nio, whose exclusive create is one system call (Hadoop's local
 * create without overwrite checks and then creates, two steps); every other file system through Hadoop, where HDFS's
 * create without overwrite is one NameNode operation.
 */
interface LockFile {

    /** What a lock file held when read, and when it was last written (the file system's clock, epoch millis). */
    record Stored(String content, long modifiedMillis) {
    }

    /** Creates the file with {@code content} unless it exists; false when it does. */
    boolean createNew(String content) throws IOException;

    /** The file's content and age; empty when there is no such file. */
    Optional<Stored> read() throws IOException;

    /** Marks the file as written now: the heartbeat a holder on another host is judged by. */
    void touch(String content) throws IOException;

    /** Renames the file to {@code name} in the same folder; false when the file was gone or the name taken. */
    boolean renameTo(String name) throws IOException;

    /** The file's name, without its folder. */
    String name();

    /** The file {@code name} beside this one. */
    LockFile sibling(String name);

    void delete() throws IOException;

    static LockFile at(String location, Configuration hadoop) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(hadoop);
        if ("file".equals(fs.getScheme())) {
            return new LocalLockFile(java.nio.file.Path.of(fs.makeQualified(path).toUri()));
        }
        return new HadoopLockFile(fs, fs.makeQualified(path));
    }
}
