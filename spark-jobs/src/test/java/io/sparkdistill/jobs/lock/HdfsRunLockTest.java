package io.sparkdistill.jobs.lock;

import io.sparkdistill.jobs.JsonFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run lock on HDFS (an in-process MiniDFSCluster), where it goes through Hadoop's create without overwrite and
 * rename rather than java.nio.
 */
@Tag("slow")
class HdfsRunLockTest {
    private static MiniDFSCluster dfs;
    private static FileSystem hdfs;
    private static Configuration conf;

    @BeforeAll
    static void startHdfs() throws Exception {
        conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Files.createTempDirectory(
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "minidfs-lock-").toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        hdfs = dfs.getFileSystem();
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    @Test
    void aSecondRunIsRefusedByNameAndTheLockGoesWhenTheFirstCloses() throws Exception {
        String lock = dfs.getURI() + "/runs/busy/run.lock";
        List<String> warnings = new ArrayList<>();
        try (RunLock ignored = RunLock.acquire(conf, lock, "run --config first.yaml", warnings::add)) {
            RunFolderInUseException refused = assertThrows(RunFolderInUseException.class,
                    () -> RunLock.acquire(conf, lock, "run --config second.yaml", warnings::add));
            assertTrue(refused.getMessage().contains("'distill run --config first.yaml' by "
                    + System.getProperty("user.name")), refused.getMessage());
        }
        assertFalse(hdfs.exists(new Path(lock)));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aLockFromAnotherHostWithoutHeartbeatIsTakenOver() throws Exception {
        Path lock = new Path(dfs.getURI() + "/runs/stale/run.lock");
        try (FSDataOutputStream out = hdfs.create(lock, false)) {
            out.write(JsonFiles.write(new LockHolder("lost-node", 99, null, "ci", "train", "2026-12-01T00:00:00Z",
                    "lost-token")).getBytes(StandardCharsets.UTF_8));
        }
        hdfs.setTimes(lock, System.currentTimeMillis() - Duration.ofMinutes(30).toMillis(), -1);
        List<String> warnings = new ArrayList<>();

        try (RunLock ignored = RunLock.acquire(conf, lock.toString(), "run", warnings::add)) {
            assertTrue(warnings.get(0).contains("from 'distill train' by ci on lost-node (pid 99)"),
                    warnings.toString());
            assertTrue(warnings.get(0).endsWith("no heartbeat for 30 minutes (a holder on another host, or an "
                    + "unreadable lock, counts as gone after 10)"), warnings.toString());
            try (var in = hdfs.open(lock)) {
                assertEquals(ProcessHandle.current().pid(), JsonFiles.read(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8), LockHolder.class).pid());
            }
        }
        assertEquals(0, hdfs.listStatus(lock.getParent()).length, "the stale lock was moved aside and deleted");
    }
}
