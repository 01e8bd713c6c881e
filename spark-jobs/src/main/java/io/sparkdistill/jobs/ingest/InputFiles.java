package io.sparkdistill.jobs.ingest;

import io.sparkdistill.ingest.Split;
import io.sparkdistill.jobs.InputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The data files a split's path names: a file, a glob, or a folder read with all its sub-folders, as Spark's own
 * readers do with {@code recursiveFileLookup} and as data lakes lay out partitions ({@code date=2026-12-01/part-0}).
 * Names starting with '_' or '.' are skipped, files and folders alike ({@code _SUCCESS}, {@code _temporary/},
 * {@code .crc}), as Spark skips them. Files come in path order, so line numbers and logs are the same every run.
 */
final class InputFiles {

    private InputFiles() {
    }

    static List<String> of(Configuration hadoop, Split split, String path) {
        String key = "data." + split.configName();
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException(key + ": no file at '" + path + "'; check the path in the config");
            }
            List<FileStatus> files = new ArrayList<>();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    collect(fs, match.getPath(), files);
                } else {
                    files.add(match);
                }
            }
            if (files.isEmpty()) {
                throw new InputException(key + ": '" + path + "' holds no data files");
            }
            List<String> names = new ArrayList<>();
            for (FileStatus file : files) {
                if (file.getLen() == 0) {
                    throw new InputException(key + ": '" + file.getPath() + "' is empty; a split needs at least one "
                            + "row");
                }
                names.add(file.getPath().toString());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": cannot list '" + path + "'", e);
        }
    }

    private static void collect(FileSystem fs, Path folder, List<FileStatus> files) throws IOException {
        FileStatus[] children = fs.listStatus(folder);
        Arrays.sort(children, Comparator.comparing(FileStatus::getPath));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (child.isDirectory()) {
                collect(fs, child.getPath(), files);
            } else {
                files.add(child);
            }
        }
    }
}
