package io.sparkdistill.jobs.generate;

import io.sparkdistill.jobs.RunContext;
import io.sparkdistill.teacher.cache.JournalEntry;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The answer journal of a run folder ({@code answer-journal/}): every answer an API teacher is paid for is appended
 * there by the executor that received it before anything else happens to it (see {@link JournalWriter}), so a run
 * killed at any moment loses at most the answers on the wire, where the answer cache and {@code synthetic/} alone
 * keep only what a whole slice committed.
 * <p>
 * The lifecycle, driven by {@link ApiGeneration}: {@link #recover} first reads what earlier, killed runs journaled
 * and folds it into the answer cache (or, with the cache off, serves it directly), so none of it is asked again;
 * each slice journals into a folder of its own ({@link #slice}), {@link #committed} once the slice's answers are in
 * the cache and its outcomes written; {@link #finished} drops what was recovered once nothing needs it.
 */
final class AnswerJournal {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerJournal.class);

    private final RunContext run;
    private final String teacherFingerprint;
    private final String templateVersion;
    private final String session = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> recovered = new ArrayList<>();

    AnswerJournal(RunContext run, String teacherFingerprint, String templateVersion) {
        this.run = run;
        this.teacherFingerprint = teacherFingerprint;
        this.templateVersion = templateVersion;
    }

    private String root() {
        return run.layout().answerJournal();
    }

    /**
     * The answers journaled by earlier runs that never committed them. With the answer cache on, they are written
     * to it now and their journal removed, and the cache serves them (the result is empty); with it off, they are
     * the result, and their journal stays until {@link #finished}. Torn lines (a writer killed mid-line) are skipped.
     */
    JavaPairRDD<String, CachedAnswer> recover() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
        JavaPairRDD<String, CachedAnswer> none = sc.<Tuple2<String, CachedAnswer>>emptyRDD().mapToPair(t -> t);
        List<String> folders = folders();
        List<String> empty = folders.stream().filter(f -> !holdsFiles(f)).toList();
        empty.forEach(run.storage()::delete);
        folders.removeAll(empty);
        if (folders.isEmpty()) {
            return none;
        }
        JavaRDD<String> lines = run.spark().read().textFile(folders.toArray(String[]::new)).javaRDD();
        JavaRDD<JournalEntry> entries = lines.flatMap(l -> JournalEntry.parse(l).stream().iterator());
        long torn = lines.filter(l -> !l.isBlank() && JournalEntry.parse(l).isEmpty()).count();
        AnswerCache cache = new AnswerCache(run);
        if (cache.enabled()) {
            entries.persist(StorageLevel.MEMORY_AND_DISK());
            long kept = entries.count();
            cache.keepJournaled(entries, new Timestamp(System.currentTimeMillis()));
            entries.unpersist(false);
            LOG.info("[generate] {} answers paid for by an earlier run that did not commit them were in {}; now in "
                    + "the answer cache ({} torn lines skipped)", kept, root(), torn);
            folders.forEach(run.storage()::delete);
            return none;
        }
        recovered.addAll(folders);
        LOG.info("[generate] answers paid for by an earlier run that did not commit them are taken from {} "
                + "({} torn lines skipped)", root(), torn);
        String fingerprint = teacherFingerprint;
        return entries.filter(e -> e.teacherFingerprint().equals(fingerprint))
                .mapToPair(e -> new Tuple2<>(e.promptKey(), new CachedAnswer(e.promptKey(), e.response(),
                        e.promptTokens(), e.completionTokens())));
    }

    /** A fresh folder for slice {@code index} of this run to journal into. */
    JournalSlice slice(int index) {
        return new JournalSlice(root() + "/" + run.runId() + "-" + session + "-slice-" + index,
                new SerializableConfiguration(run.spark().sparkContext().hadoopConfiguration()), teacherFingerprint,
                templateVersion);
    }

    /** The slice's answers are in the answer cache and its outcomes written: its journal is no longer needed. */
    void committed(JournalSlice slice) {
        run.storage().delete(slice.folder());
    }

    /** Every pending example has its outcome written: what was recovered is no longer needed either. */
    void finished() {
        recovered.forEach(run.storage()::delete);
        recovered.clear();
    }

    /** The slice folders in the journal now. */
    private List<String> folders() {
        try {
            Path root = new Path(root());
            FileSystem fs = root.getFileSystem(run.spark().sparkContext().hadoopConfiguration());
            List<String> found = new ArrayList<>();
            if (fs.exists(root)) {
                for (FileStatus folder : fs.listStatus(root)) {
                    if (folder.isDirectory()) {
                        found.add(folder.getPath().toString());
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the answer journal " + root(), e);
        }
    }

    private boolean holdsFiles(String folder) {
        try {
            Path path = new Path(folder);
            return path.getFileSystem(run.spark().sparkContext().hadoopConfiguration()).listStatus(path).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
