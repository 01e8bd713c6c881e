package io.sparkdistill.jobs;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class NioLocalFileSystemTest {

    @Test
    void foldersAndFilesGetThePermissionsHadoopWouldGiveThem(@TempDir Path dir) throws IOException {
        FileSystem fs = fileSystem(NioLocalFileSystem.class);
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("run/synthetic").toUri());
        assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "part-00000.parquet");
        try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1,
                1 << 20, null)) {
            out.write("rows".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("run/synthetic"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("run/synthetic/part-00000.parquet"))));
        assertEquals("rows", Files.readString(dir.resolve("run/synthetic/part-00000.parquet")));
        assertTrue(Files.exists(dir.resolve("run/synthetic/.part-00000.parquet.crc")), "checksums kept");
    }

    @Test
    void writingAFolderOfFilesStartsNoProcessWhereHadoopStartsAChmodForEach(@TempDir Path dir) throws Exception {
        assumeFalse(NativeIO.isAvailable(), "with Hadoop's native library Hadoop starts no chmod either");

        List<String> hadoops = processesStartedWriting(fileSystem(LocalFileSystem.class), dir.resolve("hadoop"));
        List<String> ours = processesStartedWriting(fileSystem(NioLocalFileSystem.class), dir.resolve("nio"));

        assertTrue(hadoops.size() >= 4 && hadoops.stream().allMatch(c -> c.startsWith("chmod")),
                "Hadoop's own local file system: " + hadoops);
        assertEquals(List.of(), ours);
    }

    private static List<String> processesStartedWriting(FileSystem fs, Path dir) throws Exception {
        Path recorded = Files.createTempFile(dir.getParent(), "processes", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            for (int i = 0; i < 2; i++) {
                org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.resolve("split=" + i).toUri());
                fs.mkdirs(folder, FsPermission.getDirDefault());
                try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(folder, "part-0"))) {
                    out.write(i);
                }
            }
            recording.stop();
            recording.dump(recorded);
        }
        return RecordingFile.readAllEvents(recorded).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart"))
                .map(NioLocalFileSystemTest::command)
                .filter(c -> c.contains(dir.toString()))
                .toList();
    }

    private static String command(RecordedEvent event) {
        return event.getString("command");
    }

    private static FileSystem fileSystem(Class<? extends FileSystem> implementation) throws IOException {
        Configuration conf = new Configuration();
        conf.set(NioLocalFileSystem.KEY, implementation.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return FileSystem.getLocal(conf);
    }
}
