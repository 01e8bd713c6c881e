package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.cache.JournalEntry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal file of one task attempt, written by its call threads at once, on the local file system. */
class JournalWriterTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 100;

    @Test
    void everyAppendIsOnDiskWhenItReturnsWhileOtherThreadsAppendAtTheSameTime() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")),
                "journal-writer-");
        java.nio.file.Path file = dir.resolve("slice-0/part-00000-1-2.jsonl");
        JournalWriter writer = new JournalWriter(new Path(file.toUri()), new Configuration());
        assertFalse(Files.exists(file), "no file before the first answer");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> notYetOnDisk = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            notYetOnDisk.add(pool.submit(() -> {
                int missing = 0;
                for (int i = 0; i < PER_THREAD; i++) {
                    String key = "key-" + thread + "-" + i;
                    writer.append(new JournalEntry(key, "fp", "v1", "{}", i, 1));
                    // What a reader finds now is what a kill -9 of this JVM would leave.
                    if (!Files.readString(file).contains("\"" + key + "\"")) {
                        missing++;
                    }
                }
                return missing;
            }));
        }
        for (Future<Integer> f : notYetOnDisk) {
            assertEquals(0, f.get(), "appends that returned before their line was on disk");
        }
        pool.shutdown();
        writer.close();

        List<String> lines = Files.readAllLines(file);
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            keys.add(JournalEntry.parse(line).orElseThrow().promptKey());
        }
        assertEquals(THREADS * PER_THREAD, lines.size());
        assertEquals(THREADS * PER_THREAD, keys.size(), "each answer once, no line interleaved with another");
        try (var siblings = Files.list(file.getParent())) {
            assertTrue(siblings.allMatch(file::equals), "no checksum side file a torn write could leave stale");
        }
    }
}
