package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preflight writes its probe through the run's own file system: on HDFS (an in-process MiniDFSCluster) a run
 * folder whose space quota is used up, as a full disk would be, is found before the teacher is asked anything, and
 * a healthy one is left without a trace of the probe.
 */
@Tag("slow")
class PreflightHdfsTest {
    private static MiniDFSCluster dfs;
    private static DistributedFileSystem hdfs;
    private static String root;

    @BeforeAll
    static void startHdfsWithTheInputOnIt() throws Exception {
        Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "minidfs-preflight-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        hdfs = dfs.getFileSystem();
        root = dfs.getURI() + "/distill";
        for (String split : new String[]{"train", "validation", "test"}) {
            try (var out = hdfs.create(new org.apache.hadoop.fs.Path(root + "/input/" + split + ".jsonl"))) {
                out.write(Files.readAllLines(TestJobs.PROJECT.resolve("data-samples/customer-support/" + split
                        + ".jsonl")).get(0).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown(true);
        }
    }

    private static JobConfig job(String runs) throws Exception {
        return ConfigLoader.parse(Files.readString(TestJobs.PROJECT.resolve("conf/customer-support.yaml"))
                .replace("../data-samples/customer-support/", root + "/input/")
                .replace("dir: ../runs", "dir: " + runs), "customer-support on hdfs");
    }

    @Test
    void aRunFolderOnHdfsWithItsSpaceQuotaUsedUpFailsNamingTheKey() throws Exception {
        org.apache.hadoop.fs.Path full = new org.apache.hadoop.fs.Path(root + "/full");
        hdfs.mkdirs(full);
        hdfs.setQuota(full, HdfsConstants.QUOTA_DONT_SET, 1);
        JobConfig config = job(full.toString());

        ConfigException e = assertThrows(ConfigException.class,
                () -> new Preflight(config, hdfs.getConf(), name -> null).check());
        assertTrue(e.getMessage().startsWith("output.dir: cannot write to '" + config.runDir() + "' (DSQuotaExceeded"),
                e.getMessage());
    }

    @Test
    void aWritableRunFolderOnHdfsPassesAndKeepsNoProbe() throws Exception {
        JobConfig config = job(root + "/runs");
        new Preflight(config, hdfs.getConf(), name -> null).check();

        FileStatus[] left = hdfs.listStatus(new org.apache.hadoop.fs.Path(config.runDir()));
        assertEquals(0, left.length, Arrays.toString(left));
    }
}
