package io.sparkdistill.jobs.ingest;

import io.sparkdistill.config.DataConfig;
import io.sparkdistill.provenance.InputFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The size and SHA-256 of every input file of a job, for its provenance: the same files the input reader reads (globs
 * and folders expanded the same way), read once more on the driver, on any Hadoop file system.
 */
public final class InputChecksums {

    private InputChecksums() {
    }

    /** Every split's files, in split order (train, validation, test, transfer) and path order within a split. */
    public static List<InputFile> of(Configuration hadoop, DataConfig data) {
        List<InputFile> inputs = new ArrayList<>();
        InputReader.splits(data).forEach((split, location) -> {
            for (String file : InputFiles.of(hadoop, split, location)) {
                Path path = new Path(file);
                try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
                    inputs.add(InputFile.read(file, in));
                } catch (IOException e) {
                    throw new UncheckedIOException("data." + split.configName() + ": cannot read '" + file
                            + "' to record its checksum", e);
                }
            }
        });
        return inputs;
    }
}
