package io.sparkdistill.jobs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStorageTest {
    private final RunStorage storage = new RunStorage(new Configuration());

    @Test
    void aDataSetWhoseFirstWriteNeverCompletedIsDiscardedSoItsRowsCannotCountTwice(@TempDir Path dir)
            throws Exception {
        Path killed = Files.createDirectories(dir.resolve("synthetic/split=train"));
        Files.writeString(killed.resolve("part-00000.parquet"), "half a commit");

        assertTrue(storage.discardIncomplete(dir.resolve("synthetic").toString()));
        assertFalse(Files.exists(dir.resolve("synthetic")));
    }

    @Test
    void completeDataSetsDeltaTablesAndMissingFoldersAreLeftAlone(@TempDir Path dir) throws Exception {
        Path complete = Files.createDirectories(dir.resolve("rejected"));
        Files.writeString(complete.resolve("part-00000.parquet"), "rows");
        Files.writeString(complete.resolve("_SUCCESS"), "");
        Path delta = Files.createDirectories(dir.resolve("table/_delta_log"));
        Files.writeString(delta.resolve("00000000000000000001.json"), "{}");

        assertFalse(storage.discardIncomplete(complete.toString()));
        assertFalse(storage.discardIncomplete(dir.resolve("table").toString()));
        assertFalse(storage.discardIncomplete(dir.resolve("nothing-here").toString()));
        assertTrue(Files.exists(complete.resolve("part-00000.parquet")));
        assertTrue(Files.exists(delta));
    }
}
