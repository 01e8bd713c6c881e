package io.sparkdistill.jobs;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:} paths), with permissions set through {@code java.nio} where Hadoop would
 * start a {@code chmod} process. Without Hadoop's native library, which laptops and most images lack, Hadoop sets
 * the permission of every folder and file it creates by running {@code chmod}: a Parquet write of one slice of an
 * API generate run started about 30 of them, most of the time its tasks took (JFR, {@code bench/api-throughput}).
 * Everything else is Hadoop's own; with the native library present, or on a file system without POSIX permissions,
 * Hadoop's way is kept. The set-user-id, set-group-id and sticky bits, which {@code java.nio} cannot set, are not
 * used by Spark's or Hadoop's writers.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    /** The Hadoop (and {@code spark.hadoop.}) key that picks the {@code file:} scheme's implementation. */
    public static final String KEY = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }

    /** The raw (checksum-free) layer: the one that sets permissions. */
    static final class NioRawLocalFileSystem extends RawLocalFileSystem {
        private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (!POSIX || NativeIO.isAvailable()) {
                super.setPermission(path, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission));
        }
    }

    /** The owner's, group's and others' read, write and execute bits of {@code permission}. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
        add(bits, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(bits, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(bits, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return bits;
    }

    private static void add(Set<PosixFilePermission> bits, FsAction action, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            bits.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            bits.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            bits.add(execute);
        }
    }
}
