package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.cache.JournalEntry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The answer journal file of one Spark task attempt, appended to by the task's call threads. {@link #append}
 * returns only once the line is durable: flushed with {@code hflush}, which on HDFS puts it on every datanode of
 * the pipeline and on a local disk hands it to the operating system, so it survives the death of this JVM.
 * <p>
 * Appends are group-committed: a thread that finds another one flushing queues its line and waits, and the next
 * flush takes every queued line at once, so the journal costs one flush per batch of answers, not one per answer.
 * The file is created on the first answer, so a task that pays for nothing leaves no file.
 */
final class JournalWriter implements AutoCloseable {
    private final Path file;
    private final Configuration hadoop;

    private final Object queueLock = new Object();
    private ByteArrayOutputStream queued = new ByteArrayOutputStream();
    private long appended;

    private final ReentrantLock io = new ReentrantLock();
    private long durable;
    private FileSystem fs;
    private FSDataOutputStream out;
    private boolean closed;

    JournalWriter(Path file, Configuration hadoop) {
        this.file = file;
        this.hadoop = hadoop;
    }

    /** Appends the entry and returns once it is durable. */
    void append(JournalEntry entry) {
        byte[] line = entry.toLine().getBytes(StandardCharsets.UTF_8);
        long ticket;
        synchronized (queueLock) {
            queued.writeBytes(line);
            ticket = ++appended;
        }
        io.lock();
        try {
            if (durable >= ticket) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("the answer journal " + file + " is closed (its task has ended)");
            }
            byte[] batch;
            long upTo;
            synchronized (queueLock) {
                batch = queued.toByteArray();
                queued = new ByteArrayOutputStream();
                upTo = appended;
            }
            stream().write(batch);
            flush();
            durable = upTo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer journal " + file + " (a paid answer would not "
                    + "survive a kill; the task stops)", e);
        } finally {
            io.unlock();
        }
    }

    private FSDataOutputStream stream() throws IOException {
        if (out == null) {
            // An instance of its own: no checksum side file (one written part way by a killed writer would make the
            // journal unreadable), without changing the JVM's shared instance that Spark writes Parquet through.
            fs = FileSystem.newInstance(file.toUri(), hadoop);
            fs.setWriteChecksum(false);
            out = fs.create(file, false);
        }
        return out;
    }

    /**
     * {@code hflush} where the stream has it (HDFS, local disks, ABFS); object stores that upload on close (S3A, GCS)
     * have none, so there a journal becomes readable when its task ends (see the README).
     */
    private void flush() throws IOException {
        if (out.hasCapability(StreamCapabilities.HFLUSH)) {
            out.hflush();
        } else {
            out.flush();
        }
    }

    @Override
    public void close() {
        io.lock();
        try {
            closed = true;
            if (out != null) {
                out.close();
                fs.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the answer journal " + file, e);
        } finally {
            io.unlock();
        }
    }
}
