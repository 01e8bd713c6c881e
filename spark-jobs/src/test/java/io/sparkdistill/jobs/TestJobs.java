package io.sparkdistill.jobs;

import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.JobConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job configs for tests: a sample job from conf/ pointed at copies of its data inside target/. */
public final class TestJobs {
    public static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    private TestJobs() {
    }

    /** A copy of the sample split files of {@code sample} (a data-samples/ folder) in a fresh folder under target/. */
    public static Path copySamples(String sample) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), sample + "-");
        for (String split : new String[]{"train", "validation", "test"}) {
            Files.copy(PROJECT.resolve("data-samples/" + sample + "/" + split + ".jsonl"),
                    dir.resolve(split + ".jsonl"));
        }
        return dir;
    }

    /** The job in {@code conf/<job>.yaml}, reading from {@code data} and writing under {@code data/runs}. */
    static JobConfig job(String job, Path data) throws IOException {
        return ConfigLoader.parse(yaml(job, data), job + " (test copy)");
    }

    /** The YAML text of {@code conf/<job>.yaml}, reading from {@code data} and writing under {@code data/runs}. */
    public static String yaml(String job, Path data) throws IOException {
        return Files.readString(PROJECT.resolve("conf/" + job + ".yaml"))
                .replaceAll("\\.\\./data-samples/[a-z-]+/", data.toString().replace("\\", "/") + "/")
                .replace("dir: ../runs", "dir: " + data.resolve("runs"));
    }
}
