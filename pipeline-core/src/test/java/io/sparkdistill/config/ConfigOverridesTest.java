package io.sparkdistill.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigOverridesTest {
    private static final String API_JOB = """
            name: support
            task: classification
            labels: [billing, refund]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
            teacher:
              kind: api
              endpoint:
                provider: openai
                base_url: https://api.openai.com/v1
                model: gpt-4o-mini
                api_key_env: OPENAI_API_KEY
            hyperparameters:
              num_epochs: 10
            spark:
              master: local[*]
            """;

    private static JobConfig load(Map<String, String> env, String... sets) {
        return ConfigLoader.parse(API_JOB, "job.yaml", ConfigOverrides.of(env, List.of(sets)));
    }

    @Test
    void setReplacesNestedKeysWithTypedValues() {
        JobConfig config = load(Map.of(), "teacher.endpoint.model=gpt-4o", "hyperparameters.num_epochs=3",
                "spark.master=local[2]", "teacher.generation.logprobs=false", "labels=[a, b, c]");
        assertEquals("gpt-4o", api(config).endpoint().model());
        assertEquals(3, config.hyperparameters().numEpochs());
        assertEquals("local[2]", config.spark().master());
        assertFalse(api(config).generation().logprobs());
        assertEquals(List.of("a", "b", "c"), config.labels());
        assertEquals("https://api.openai.com/v1", api(config).endpoint().baseUrl(), "untouched keys stay");
    }

    @Test
    void aSectionTheYamlLacksIsCreated() {
        JobConfig config = load(Map.of(), "output.run_name=nightly", "student.char_ngrams=0");
        assertEquals("runs/nightly", config.runDir());
        assertEquals(0, config.student().charNgrams());
    }

    @Test
    void environmentVariablesUseDoubleUnderscoresBetweenLevels() {
        JobConfig config = load(Map.of(
                "DISTILL__TEACHER__ENDPOINT__MODEL", "gpt-4.1",
                "DISTILL__HYPERPARAMETERS__NUM_EPOCHS", "4",
                "DISTILL_JAVA_OPTS", "-Xmx2g",
                "HOME", "/root"));
        assertEquals("gpt-4.1", api(config).endpoint().model());
        assertEquals(4, config.hyperparameters().numEpochs());
    }

    @Test
    void setWinsOverTheEnvironmentWhichWinsOverTheYaml() {
        JobConfig config = load(Map.of("DISTILL__HYPERPARAMETERS__NUM_EPOCHS", "4",
                        "DISTILL__TEACHER__ENDPOINT__MODEL", "from-env"),
                "hyperparameters.num_epochs=7");
        assertEquals(7, config.hyperparameters().numEpochs());
        assertEquals("from-env", api(config).endpoint().model());
    }

    @Test
    void insideAMapTheRestOfTheKeyIsTheMapsKeyDotsIncluded() {
        JobConfig config = load(Map.of("DISTILL__SPARK__CONF__SPARK__EXECUTOR__CORES", "2"),
                "spark.conf.spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
                "teacher.endpoint.headers.X-Team=ml-platform");
        assertEquals(Map.of("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000", "spark.executor.cores", "2"),
                config.spark().conf());
        assertEquals(Map.of("X-Team", "ml-platform"), api(config).endpoint().headers());
    }

    @Test
    void anEmptyValueMeansNull() {
        JobConfig config = load(Map.of(), "teacher.generation.max_tokens=");
        assertNull(api(config).generation().maxTokens());
    }

    @Test
    void anUnknownKeyIsNamedWithItsSourceAndTheKeysThatExist() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("DISTILL__TEACHER__ENDPOINT__MODLE", "x"), "hyperparameters.epochs=3"));
        String message = e.getMessage();
        assertTrue(message.contains("--set hyperparameters.epochs: unknown key 'hyperparameters.epochs'"), message);
        assertTrue(message.contains("num_epochs"), message);
        assertTrue(message.contains("environment variable DISTILL__TEACHER__ENDPOINT__MODLE: unknown key "
                + "'teacher.endpoint.modle'"), message);
        assertTrue(message.contains("base_url"), message);
    }

    @Test
    void aKeyBelowASingleValueIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "spark.master.url=x"));
        assertTrue(e.getMessage().contains("'spark.master' is a value, not a section: it has no key 'url'"), e.getMessage());
    }

    @Test
    void validationStillJudgesTheOverriddenValueAndNamesTheOverride() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "hyperparameters.num_epochs=0"));
        assertTrue(e.getMessage().contains("hyperparameters.num_epochs: expected a positive number, found '0'"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("job.yaml with --set hyperparameters.num_epochs"), e.getMessage());
    }

    @Test
    void aSetWithoutAnEqualsSignIsMalformed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigOverrides.of(Map.of(), List.of("hyperparameters.num_epochs")));
        assertTrue(e.getMessage().contains("--set hyperparameters.num_epochs: expected <dotted.key>=<value>"),
                e.getMessage());
    }

    @Test
    void valuesOfSecretLookingKeysNeverAppearInMessages() {
        String secret = "[sk-live-unclosed";
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> load(Map.of(), "spark.secret.key=" + secret));
        assertFalse(unknown.getMessage().contains(secret), unknown.getMessage());
        ConfigException unparsable = assertThrows(ConfigException.class,
                () -> load(Map.of(), "spark.conf.spark.hadoop.fs.s3a.secret.key=" + secret));
        assertTrue(unparsable.getMessage().contains("is not a YAML value"), unparsable.getMessage());
        assertFalse(unparsable.getMessage().contains(secret), unparsable.getMessage());
        ConfigException malformed = assertThrows(ConfigException.class,
                () -> ConfigOverrides.of(Map.of(), List.of("fs.s3a.secret.key:" + secret)));
        assertFalse(malformed.getMessage().contains(secret), malformed.getMessage());
    }

    @Test
    void theValueOfAnOrdinaryKeyIsShownWhenItCannotBeRead() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "output.run_name=[unclosed"));
        assertTrue(e.getMessage().contains("--set output.run_name: the value '[unclosed' is not a YAML value"),
                e.getMessage());
    }

    @Test
    void aVariableWithAnEmptyLevelIsMalformed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigOverrides.of(Map.of("DISTILL__SPARK____MASTER", "local"), List.of()));
        assertTrue(e.getMessage().contains("environment variable DISTILL__SPARK____MASTER"), e.getMessage());
    }

    @Test
    void noOverridesLeaveTheConfigAsWritten() {
        assertTrue(ConfigOverrides.none().isEmpty());
        assertEquals(ConfigLoader.parse(API_JOB, "job.yaml"),
                ConfigLoader.parse(API_JOB, "job.yaml", ConfigOverrides.of(Map.of("PATH", "/bin"), List.of())));
    }

    private static ApiTeacherConfig api(JobConfig config) {
        return assertInstanceOf(ApiTeacherConfig.class, config.teacher());
    }
}
