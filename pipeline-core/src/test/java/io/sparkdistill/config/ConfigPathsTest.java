package io.sparkdistill.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigPathsTest {
    /** The repository root; the tests run in pipeline-core/, so this is not the working directory. */
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    private static final String JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: ../data/train.jsonl
              validation: ../data/validation.jsonl
              test: ../data/test.jsonl
              transfer: more/unlabelled/*.jsonl
            output:
              dir: ../runs
            """;

    private static final String API_TEACHER = """
            teacher:
              kind: api
              prompt_template: templates/support.yaml
              endpoint:
                provider: generic
                base_url: http://localhost:8000/v1
                model: teacher
                api_key_file: secrets/key
            """;

    @Test
    void aShippedConfigFindsItsDataFromAnotherWorkingDirectory() {
        assertFalse(Files.exists(Path.of("conf/customer-support.yaml")), "the test must not run at the root");
        JobConfig config = ConfigLoader.load(PROJECT.resolve("conf/customer-support.yaml"));
        for (String split : List.of(config.data().train(), config.data().validation(), config.data().test())) {
            assertTrue(Files.isRegularFile(Path.of(split)), split + " exists");
        }
        assertEquals(PROJECT.resolve("runs/customer-support").toString(), config.runDir(),
                "the runs land at the repository root, as from the root");
    }

    @Test
    void pathsWrittenInTheFileAreRelativeToItsFolder() throws IOException {
        Path job = Files.createTempDirectory(Path.of("target"), "config-paths").resolve("jobs/support.yaml");
        Files.createDirectories(job.getParent());
        Files.writeString(job, JOB + API_TEACHER);
        Path folder = job.getParent();

        JobConfig config = ConfigLoader.load(job);

        assertEquals(folder.resolve("../data/train.jsonl").normalize().toString(), config.data().train());
        assertEquals(folder.resolve("more/unlabelled/*.jsonl").toString(), config.data().transfer(),
                "a glob keeps its wildcard");
        assertEquals(folder.resolve("../runs").normalize().toString(), config.output().dir());
        assertEquals(folder.resolve("../runs/teacher-cache").normalize().toString(), config.output().teacherCache(),
                "the default cache follows the resolved output folder");
        assertEquals(folder.resolve("templates/support.yaml").toString(), api(config).promptTemplate());
        assertEquals(folder.resolve("secrets/key").toString(), api(config).endpoint().apiKeyFile());
    }

    @Test
    void aConfigGivenAsARelativePathKeepsItsPathsRelativeToTheWorkingDirectory() {
        JobConfig config = ConfigLoader.parseFile(JOB, "conf/support.yaml", ConfigOverrides.none());
        assertEquals("data/train.jsonl", config.data().train(), "conf/../data is data");
        assertEquals("runs/support", config.runDir());
    }

    @Test
    void pathsGivenBySetOrTheEnvironmentStayRelativeToTheWorkingDirectory() {
        ConfigOverrides overrides = ConfigOverrides.of(Map.of("DISTILL__DATA__TEST", "mine/test.jsonl"),
                List.of("data.train=mine/train.jsonl", "output.dir=out"));
        JobConfig config = ConfigLoader.parseFile(JOB, "/jobs/support/job.yaml", overrides);
        assertEquals("mine/train.jsonl", config.data().train());
        assertEquals("mine/test.jsonl", config.data().test());
        assertEquals("out", config.output().dir());
        assertEquals("/jobs/data/validation.jsonl", config.data().validation(), "the file's own path still resolves");
    }

    @Test
    void absolutePathsUrlsAndTheCacheSwitchAreLeftAsWritten() {
        String yaml = """
                name: support
                task: classification
                labels: [billing, refund]
                data:
                  train: s3a://bucket/support/train/
                  validation: hdfs:///data/validation.jsonl
                  test: /data/test.jsonl
                output:
                  dir: abfss://runs@account.dfs.core.windows.net/distill
                  teacher_cache: off
                teacher:
                  kind: api
                  prompt_template: classpath:prompts/classification.yaml
                  endpoint: {provider: generic, base_url: http://localhost:8000/v1, model: teacher}
                """;
        JobConfig config = ConfigLoader.parseFile(yaml, "/jobs/support/job.yaml", ConfigOverrides.none());
        assertEquals("s3a://bucket/support/train/", config.data().train());
        assertEquals("hdfs:///data/validation.jsonl", config.data().validation());
        assertEquals("/data/test.jsonl", config.data().test());
        assertEquals("abfss://runs@account.dfs.core.windows.net/distill", config.output().dir());
        assertFalse(config.output().cachesAnswers());
        assertEquals("classpath:prompts/classification.yaml", api(config).promptTemplate());
    }

    @Test
    void aConfigReadFromAUrlResolvesAgainstItsParentUrl() {
        JobConfig config = ConfigLoader.parseFile(JOB + API_TEACHER, "hdfs://namenode:8020/jobs/support/job.yaml",
                ConfigOverrides.none());
        assertEquals("hdfs://namenode:8020/jobs/data/train.jsonl", config.data().train());
        assertEquals("hdfs://namenode:8020/jobs/support/more/unlabelled/*.jsonl", config.data().transfer());
        assertEquals("hdfs://namenode:8020/jobs/runs", config.output().dir());
        assertEquals("secrets/key", api(config).endpoint().apiKeyFile(),
                "a key file is read from the local disk, not next to a remote config");
        assertEquals("templates/support.yaml", api(config).promptTemplate());

        JobConfig noAuthority = ConfigLoader.parseFile(JOB, "s3a://bucket/support.yaml", ConfigOverrides.none());
        assertEquals("s3a://bucket/runs", noAuthority.output().dir(), "'..' does not climb above the bucket");
        assertEquals("hdfs:///jobs/data/test.jsonl", ConfigLoader.parseFile(JOB, "hdfs:///jobs/support/job.yaml",
                ConfigOverrides.none()).data().test(), "the default file system's URL keeps its three slashes");
    }

    @Test
    void aFileUrlConfigResolvesLocalFilesAgainstItsFolderToo() {
        JobConfig config = ConfigLoader.parseFile(JOB + API_TEACHER, "file:///opt/distill/conf/support.yaml",
                ConfigOverrides.none());
        assertEquals("file:///opt/distill/data/train.jsonl", config.data().train());
        assertEquals("/opt/distill/conf/secrets/key", api(config).endpoint().apiKeyFile());
    }

    @Test
    void everyTeacherOfAnEnsembleResolvesItsModelPath() {
        String yaml = """
                name: support
                task: classification
                labels: [billing, refund]
                data: {train: t.jsonl, test: t.jsonl}
                teachers:
                  - {name: own, kind: local, local: {path: models/own.onnx, kind: classifier}}
                  - {name: remote, kind: local, local: {path: hdfs:///models/big, kind: classifier}}
                """;
        JobConfig config = ConfigLoader.parseFile(yaml, "/jobs/support.yaml", ConfigOverrides.none());
        assertEquals("/jobs/models/own.onnx", local(config, 0).path());
        assertEquals("hdfs:///models/big", local(config, 1).path());
        assertEquals("/jobs/t.jsonl", config.data().train());
    }

    @Test
    void yamlTextFromNoFileKeepsItsPathsAsWritten() {
        assertEquals("../data/train.jsonl", ConfigLoader.parse(JOB, "inline").data().train());
    }

    private static ApiTeacherConfig api(JobConfig config) {
        return assertInstanceOf(ApiTeacherConfig.class, config.teacher());
    }

    private static LocalModelSettings local(JobConfig config, int teacher) {
        return assertInstanceOf(LocalTeacherConfig.class, config.teachers().get(teacher).teacher()).local();
    }
}
