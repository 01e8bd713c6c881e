package io.sparkdistill.jobs;

import io.sparkdistill.teacher.api.EndpointConfig;
import io.sparkdistill.config.ConfigException;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.teacher.api.TeacherCallException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What a generating run checks before the teacher answers anything, because each of these otherwise fails only
 * after the teacher has been paid: the run folder and the answer cache can be written (a probe file is written and
 * deleted through the run's Hadoop file system, so {@code hdfs://} and {@code s3a://} are checked for real), every
 * input split can be read, and every API teacher's key is there and can go in a header. Each finding is a
 * {@link ConfigException} or {@link InputException} naming the config key and what to fix; none holds a key.
 * The key is read on the driver here and again on the executors at call time, so the driver must see it too.
 */
public final class Preflight {
    private final JobConfig config;
    private final Configuration hadoop;
    private final UnaryOperator<String> environment;

    Preflight(JobConfig config, Configuration hadoop, UnaryOperator<String> environment) {
        this.config = config;
        this.hadoop = hadoop;
        this.environment = environment;
    }

    /** Runs every check for this run, with the process environment; throws at the first finding. */
    public static void check(RunContext run) {
        new Preflight(run.config(), run.spark().sparkContext().hadoopConfiguration(), System::getenv).check();
    }

    void check() {
        writable(config.output().runName() == null ? "output.dir" : "output.dir / output.run_name",
                config.runDir());
        if (config.output().cachesAnswers() && config.teachers().stream().anyMatch(t -> t.teacher() instanceof ApiTeacherConfig)) {
            writable("output.teacher_cache", config.output().teacherCache());
        }
        splits().forEach(this::readable);
        for (int i = 0; i < config.teachers().size(); i++) {
            if (config.teachers().get(i).teacher() instanceof ApiTeacherConfig teacher) {
                keyUsable(config.isEnsemble() ? "teachers[" + i + "].endpoint" : "teacher.endpoint", teacher);
            }
        }
    }

    /** Creates the folder if needed, then writes, closes and deletes a small file in it. */
    private void writable(String key, String folder) {
        Path dir = new Path(folder);
        Path probe = new Path(dir, ".preflight-" + UUID.randomUUID());
        try {
            FileSystem fs = dir.getFileSystem(hadoop);
            if (!fs.mkdirs(dir)) {
                throw new IOException("the folder cannot be created");
            }
            try (FSDataOutputStream out = fs.create(probe, false)) {
                out.write(new byte[]{'o', 'k'});
            }
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot write to '" + folder + "' (" + reason(e) + "); make it "
                    + "writable or point " + key + " elsewhere. Nothing was sent to the teacher.", e);
        }
    }

    /** Each file the split's path names (a file, a folder of part files, or a glob) opens and yields its first byte. */
    private void readable(String key, String location) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new InputException(key + ": no file at '" + location + "'; check the path in the config. "
                        + "Nothing was sent to the teacher.");
            }
            for (FileStatus match : matches) {
                FileStatus[] files = match.isDirectory() ? fs.listStatus(match.getPath()) : new FileStatus[]{match};
                for (FileStatus file : files) {
                    if (file.isFile() && file.getLen() > 0) {
                        try (FSDataInputStream in = fs.open(file.getPath())) {
                            in.read();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(key + ": cannot read '" + location + "' (" + reason(e) + "); check its "
                    + "permissions. Nothing was sent to the teacher.");
        }
    }

    private void keyUsable(String key, ApiTeacherConfig teacher) {
        try {
            EndpointConfig.of(teacher.endpoint()).apiKey(environment);
        } catch (TeacherCallException e) {
            throw new ConfigException(key + ": " + e.getMessage() + ". Nothing was sent to the teacher.");
        }
    }

    private Map<String, String> splits() {
        Map<String, String> splits = new LinkedHashMap<>();
        splits.put("data.train", config.data().train());
        splits.put("data.validation", config.data().validation());
        splits.put("data.test", config.data().test());
        splits.put("data.transfer", config.data().transfer());
        splits.values().removeIf(location -> location == null || location.isBlank());
        return splits;
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
