package io.sparkdistill.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkdistill.config.ConfigLoader;
import io.sparkdistill.config.ConfigOverrides;
import io.sparkdistill.jobs.TestJobs;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks every artefact of deploy/ as far as it can be checked without its platform: it parses, its schedule is
 * well-formed, the jar it names is the one the build produces, its main class exists, the config it names is one of
 * conf/, and its arguments (and DISTILL__ variables) are accepted by DistillMain's own parser and make a valid job.
 * Nothing here starts Spark or reaches a cloud.
 */
class DeployArtefactsTest {
    private static final Path PROJECT = TestJobs.PROJECT;
    private static final Path DEPLOY = PROJECT.resolve("deploy");
    private static final String MAIN_CLASS = "io.sparkdistill.jobs.cli.DistillMain";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDatabricksJobRunsTheClusterJarNightlyOnAJava17Runtime() throws Exception {
        JsonNode job = JSON.readTree(DEPLOY.resolve("databricks-job.json").toFile());
        JsonNode schedule = job.get("schedule");
        assertQuartzCron(schedule.get("quartz_cron_expression").asText());
        assertEquals("UNPAUSED", schedule.get("pause_status").asText());
        assertEquals(1, job.get("max_concurrent_runs").asInt(), "two nightly runs must not share a run folder");
        JsonNode task = job.get("tasks").get(0);
        JsonNode cluster = clusterOf(job, task.get("job_cluster_key").asText());
        // Databricks Runtime 16.x: Spark 3.5, Scala 2.12, JDK 17 by default (the jar is built for Java 17).
        assertTrue(cluster.get("spark_version").asText().matches("1[6-9]\\.\\d+\\.x-scala2\\.12"),
                cluster.get("spark_version").asText());
        assertEquals("SINGLE_USER", cluster.get("data_security_mode").asText(),
                "a JAR task needs dedicated (classic) compute: standard access mode has no SparkContext");
        assertTrue(cluster.path("single_user_name").asText().contains("@"),
                "dedicated access mode names the user it is dedicated to");
        assertEquals("org.apache.spark.serializer.KryoSerializer",
                cluster.get("spark_conf").get("spark.serializer").asText(), "the Kryo registrator needs Kryo on");
        assertDjlOffline(cluster.get("spark_conf"));
        assertNoPlainSecret(cluster.get("spark_conf"));
        assertRunnable("databricks-job.json", task.get("spark_jar_task").get("main_class_name").asText(),
                task.get("libraries").get(0).get("jar").asText(),
                strings(task.get("spark_jar_task").get("parameters")), Map.of());
    }

    @Test
    void theEmrStepsSubmitTheClusterJarThroughCommandRunner() throws Exception {
        for (String file : new String[]{"emr-steps.json", "emr-steps-gpu.json"}) {
            JsonNode steps = JSON.readTree(DEPLOY.resolve(file).toFile());
            assertTrue(steps.isArray() && !steps.isEmpty(), "AddJobFlowSteps takes a list of StepConfig");
            for (JsonNode step : steps) {
                JsonNode jarStep = step.get("HadoopJarStep");
                assertEquals("command-runner.jar", jarStep.get("Jar").asText());
                assertTrue(List.of("CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER")
                        .contains(step.get("ActionOnFailure").asText()));
                List<String> args = strings(jarStep.get("Args"));
                assertEquals("spark-submit", args.get(0));
                assertTrue(args.contains("spark.serializer=org.apache.spark.serializer.KryoSerializer"), file);
                assertRunnableSubmit(file, args.subList(1, args.size()), Map.of());
            }
        }
    }

    /** The CLI's shape (aws emr add-steps) is derived from the API's; the two files must say the same. */
    @Test
    void theEmrCliStepsAreTheApiStepsInTheCliShape() throws Exception {
        JsonNode api = JSON.readTree(DEPLOY.resolve("emr-steps.json").toFile());
        JsonNode cli = JSON.readTree(DEPLOY.resolve("emr-cli-steps.json").toFile());
        assertEquals(api.size(), cli.size());
        for (int i = 0; i < api.size(); i++) {
            JsonNode step = api.get(i);
            var expected = JSON.createObjectNode()
                    .put("Name", step.get("Name").asText())
                    .put("ActionOnFailure", step.get("ActionOnFailure").asText())
                    .put("Type", "CUSTOM_JAR")
                    .put("Jar", step.get("HadoopJarStep").get("Jar").asText());
            expected.set("Args", step.get("HadoopJarStep").get("Args"));
            assertEquals(expected, cli.get(i), "deploy/emr-cli-steps.json step " + i
                    + ": regenerate it with python3 deploy/emr-cli-steps.py");
        }
    }

    @Test
    void theSparkApplicationRunsTheJarAndConfigTheImageHolds() throws Exception {
        JsonNode app = YAML.readTree(DEPLOY.resolve("spark-application.yaml").toFile());
        assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion").asText());
        assertEquals("SparkApplication", app.get("kind").asText());
        JsonNode spec = app.get("spec");
        assertEquals("Java", spec.get("type").asText());
        assertTrue(spec.get("sparkVersion").asText().startsWith("3.5."));
        String jar = spec.get("mainApplicationFile").asText();
        Dockerfile image = Dockerfile.read(DEPLOY.resolve("Dockerfile"));
        assertEquals("local://" + image.destinationOf(jarName()), jar, "the jar is where the Dockerfile puts it");
        List<String> args = strings(spec.get("arguments"));
        DistillMain.CommandLine cli = DistillMain.CommandLine.parse(args.toArray(String[]::new));
        assertEquals("file://" + image.destinationOf("conf/") + fileName(cli.config()), cli.config(),
                "the config is one the image holds");
        Map<String, String> env = new HashMap<>();
        spec.get("driver").get("env").forEach(e -> env.put(e.get("name").asText(), e.get("value").asText()));
        assertTrue(env.keySet().stream().anyMatch(k -> k.startsWith(ConfigOverrides.ENV_PREFIX)));
        for (String role : new String[]{"driver", "executor"}) {
            assertTrue(spec.get(role).get("javaOptions").asText().contains("-Dai.djl.offline=true"), role);
        }
        assertNoPlainSecret(spec.get("sparkConf"));
        assertNoPlainSecret(spec.get("hadoopConf"));
        assertRunnable("spark-application.yaml", spec.get("mainClass").asText(), jar, args, env);
    }

    @Test
    void theDockerfileBuildsOnTheOfficialSpark35Java17ImageFromFilesTheBuildMakes() throws Exception {
        Dockerfile image = Dockerfile.read(DEPLOY.resolve("Dockerfile"));
        assertTrue(image.baseImage().matches("(apache/)?spark:3\\.5\\.\\d+-scala2\\.12-java17-ubuntu"),
                image.baseImage());
        assertFalse(image.copies().isEmpty());
        String pom = Files.readString(PROJECT.resolve("spark-jobs/pom.xml"));
        for (String source : image.copies().keySet()) {
            if (source.equals("spark-jobs/target/" + jarName())) {
                continue;
            }
            if (source.equals("spark-jobs/target/cloud-storage/")) {
                assertTrue(pom.contains("<outputDirectory>${project.build.directory}/cloud-storage</outputDirectory>"),
                        "the cloud-storage profile of spark-jobs/pom.xml fills " + source);
                continue;
            }
            assertTrue(Files.exists(PROJECT.resolve(source)), "COPY source " + source + " is in the project");
        }
        assertTrue(image.copies().containsKey("spark-jobs/target/" + jarName()), "the image holds the cluster jar");
        assertTrue(image.copies().containsKey("conf/"), "the image holds the job configs");
    }

    @Test
    void theCronFileRunsTheSubmitScriptNightlyWithArgumentsTheCliAccepts() throws Exception {
        int jobs = 0;
        for (String line : Files.readAllLines(DEPLOY.resolve("spark-distill.cron"))) {
            if (line.isBlank() || line.startsWith("#") || line.matches("[A-Z_]+=.*")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+", 7);
            assertEquals(7, fields.length, "minute hour day month weekday user command: " + line);
            assertCron(String.join(" ", Arrays.copyOfRange(fields, 0, 5)));
            assertTrue(fields[5].matches("[a-z_][a-z0-9_-]*"), "a user name: " + fields[5]);
            String command = fields[6];
            assertFalse(command.contains("%"), "cron turns % into a newline");
            List<String> words = List.of(command.split("\\s+"));
            int script = words.indexOf("deploy/spark-submit.sh");
            assertTrue(script >= 0, "runs deploy/spark-submit.sh: " + command);
            int redirect = words.indexOf(">>");
            assertRunnableCli("spark-distill.cron", words.subList(script + 2, redirect < 0 ? words.size() : redirect),
                    Map.of());
            jobs++;
        }
        assertEquals(1, jobs);
    }

    /** Needs python3 for its own parser: on a machine without it the DAG is not checked (the test is skipped). */
    @Test
    void theAirflowDagParsesAndSubmitsTheClusterJarNightly() throws Exception {
        assumeTrue(commandExists("python3"), "python3 is not on this machine: the Airflow DAG was not checked");
        String extract = """
                import ast, json, sys
                tree = ast.parse(open(sys.argv[1]).read())
                found = {}
                for node in ast.walk(tree):
                    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("DAG", "SparkSubmitOperator"):
                        for kw in node.keywords:
                            try:
                                found[node.func.id + "." + kw.arg] = ast.literal_eval(kw.value)
                            except ValueError:
                                pass
                print(json.dumps(found))
                """;
        Result python = exec(List.of("python3", "-c", extract,
                DEPLOY.resolve("airflow_spark_distill_nightly.py").toString()), Map.of());
        assertEquals(0, python.code(), python.output());
        JsonNode dag = JSON.readTree(python.output());
        assertCron(dag.get("DAG.schedule").asText());
        assertFalse(dag.get("DAG.catchup").asBoolean(), "a missed night is not replayed: the next run catches up");
        assertEquals(1, dag.get("DAG.max_active_runs").asInt());
        assertDjlOffline(dag.get("SparkSubmitOperator.conf"));
        assertRunnable("airflow_spark_distill_nightly.py", dag.get("SparkSubmitOperator.java_class").asText(),
                dag.get("SparkSubmitOperator.application").asText(),
                strings(dag.get("SparkSubmitOperator.application_args")), Map.of());
    }

    @Test
    void theShellScriptsAreValidBash() throws Exception {
        for (String script : new String[]{"spark-submit.sh", "check-cluster-jar.sh", "check-cloud-connectors.sh"}) {
            Result check = exec(List.of("bash", "-n", DEPLOY.resolve(script).toString()), Map.of());
            assertEquals(0, check.code(), script + ": " + check.output());
        }
    }

    /** Runs deploy/spark-submit.sh with a stand-in spark-submit that prints its arguments, once per kind of master. */
    @Test
    void theSubmitScriptBuildsACommandForYarnStandaloneAndKubernetes() throws Exception {
        Path sparkHome = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "spark-home");
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertTrue(submit.toFile().setExecutable(true));
        // Off Kubernetes the script wants the built jar; mvn test runs before package, so a stand-in file is named.
        Path builtJar = Files.writeString(sparkHome.resolve(jarName()), "");
        List<String> distill = List.of("run", "--config", "hdfs:///jobs/customer-support.yaml",
                "--set", "output.dir=hdfs:///spark-distill/runs");
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "JAR", builtJar.toString(),
                "DISTILL__HYPERPARAMETERS__NUM_EPOCHS", "3");

        List<String> yarn = submitScript("yarn", distill, env);
        assertTrue(yarn.contains("spark.yarn.appMasterEnv.DISTILL__HYPERPARAMETERS__NUM_EPOCHS=3"), yarn.toString());
        assertTrue(yarn.contains("--num-executors"), yarn.toString());
        assertRunnableSubmit("spark-submit.sh yarn", yarn, env);

        List<String> standalone = submitScript("spark://master:7077", distill, env);
        assertEquals("4", standalone.get(standalone.indexOf("--total-executor-cores") + 1));
        assertRunnableSubmit("spark-submit.sh spark://", standalone, env);

        Map<String, String> k8sEnv = new HashMap<>(env);
        k8sEnv.remove("JAR");
        k8sEnv.put("IMAGE", "registry.example.com/spark-distill:0.1.0");
        List<String> k8s = submitScript("k8s://https://127.0.0.1:6443", distill, k8sEnv);
        assertTrue(k8s.contains("spark.kubernetes.container.image=registry.example.com/spark-distill:0.1.0"));
        assertTrue(k8s.contains("spark.kubernetes.driverEnv.DISTILL__HYPERPARAMETERS__NUM_EPOCHS=3"), k8s.toString());
        assertTrue(k8s.contains("local://" + Dockerfile.read(DEPLOY.resolve("Dockerfile")).destinationOf(jarName())),
                "on Kubernetes the jar is the image's: " + k8s);
        assertRunnableSubmit("spark-submit.sh k8s://", k8s, k8sEnv);

        k8sEnv.remove("IMAGE");
        Result noImage = exec(script("k8s://https://127.0.0.1:6443", distill), k8sEnv);
        assertEquals(2, noImage.code());
        assertTrue(noImage.output().contains("Kubernetes needs IMAGE"), noImage.output());
    }

    // ---- what every artefact must satisfy ----

    /** spark-submit options, then the jar, then DistillMain's arguments. */
    private static void assertRunnableSubmit(String artefact, List<String> submitArgs, Map<String, String> env)
            throws Exception {
        int jar = -1;
        for (int i = 1; i < submitArgs.size(); i++) {
            if (submitArgs.get(i).endsWith(".jar") && !submitArgs.get(i - 1).startsWith("--")) {
                jar = i;
                break;
            }
        }
        assertTrue(jar > 0, artefact + ": no application jar in " + submitArgs);
        List<String> options = submitArgs.subList(0, jar);
        assertTrue(options.contains("spark.driver.extraJavaOptions=-Dai.djl.offline=true"), artefact);
        assertTrue(options.contains("spark.executor.extraJavaOptions=-Dai.djl.offline=true"), artefact);
        assertRunnable(artefact, options.get(options.indexOf("--class") + 1), submitArgs.get(jar),
                submitArgs.subList(jar + 1, submitArgs.size()), env);
    }

    private static void assertRunnable(String artefact, String mainClass, String jar, List<String> args,
                                       Map<String, String> env) throws Exception {
        assertEquals(MAIN_CLASS, mainClass, artefact);
        var main = Class.forName(mainClass).getMethod("main", String[].class);
        assertTrue(Modifier.isStatic(main.getModifiers()), artefact + ": " + mainClass + " has a static main");
        assertEquals(jarName(), fileName(jar), artefact + ": the jar the build produces");
        assertRunnableCli(artefact, args, env);
    }

    /** DistillMain's parser accepts the arguments, and the config they name, with their overrides, is a valid job. */
    private static void assertRunnableCli(String artefact, List<String> args, Map<String, String> env)
            throws IOException {
        DistillMain.CommandLine cli;
        try {
            cli = DistillMain.CommandLine.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new AssertionError(artefact + ": DistillMain rejects " + args + ": " + e.getMessage(), e);
        }
        assertNotNull(cli.command(), artefact + ": a command");
        assertFalse(cli.help(), artefact);
        assertNotNull(cli.config(), artefact + ": a --config");
        Path config = PROJECT.resolve("conf").resolve(fileName(cli.config()));
        assertTrue(Files.isRegularFile(config), artefact + ": names " + cli.config() + ", which is not in conf/");
        ConfigLoader.parse(Files.readString(config), artefact + ": " + config,
                ConfigOverrides.of(env, cli.sets()));
    }

    /** The cluster jar's file name, as spark-jobs/pom.xml makes it: artifactId-version-classifier.jar. */
    private static String jarName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(PROJECT.resolve("spark-jobs/pom.xml").toFile());
        Element project = pom.getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = child(project, "version");
        if (version == null) {
            version = child((Element) project.getElementsByTagName("parent").item(0), "version");
        }
        String classifier = pom.getElementsByTagName("shadedClassifierName").item(0).getTextContent().trim();
        return artifactId + "-" + version + "-" + classifier + ".jar";
    }

    private static String child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static final String CRON_ITEM = "(\\*|\\d+(-\\d+)?)(/\\d+)?";

    /** A five-field cron expression: minute, hour, day of month, month, day of week, numbers in range. */
    private static void assertCron(String expression) {
        String[] fields = expression.trim().split("\\s+");
        assertEquals(5, fields.length, "five fields: " + expression);
        int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        for (int i = 0; i < 5; i++) {
            assertCronField(fields[i], ranges[i][0], ranges[i][1], expression);
        }
    }

    /** Quartz (Databricks): seconds minutes hours day-of-month month day-of-week, one of the two days '?'. */
    private static void assertQuartzCron(String expression) {
        String[] fields = expression.trim().split("\\s+");
        assertEquals(6, fields.length, "six fields: " + expression);
        assertTrue(fields[3].equals("?") ^ fields[5].equals("?"), "exactly one day field is '?': " + expression);
        int[][] ranges = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}};
        for (int i = 0; i < 6; i++) {
            if (!fields[i].equals("?")) {
                assertCronField(fields[i], ranges[i][0], ranges[i][1], expression);
            }
        }
    }

    private static void assertCronField(String field, int min, int max, String expression) {
        for (String item : field.split(",")) {
            assertTrue(item.matches(CRON_ITEM), "'" + item + "' in " + expression);
            Matcher numbers = Pattern.compile("\\d+").matcher(item.replaceAll("/\\d+$", ""));
            while (numbers.find()) {
                int n = Integer.parseInt(numbers.group());
                assertTrue(n >= min && n <= max, n + " outside " + min + ".." + max + " in " + expression);
            }
        }
    }

    private static void assertDjlOffline(JsonNode sparkConf) {
        assertTrue(sparkConf.get("spark.driver.extraJavaOptions").asText().contains("-Dai.djl.offline=true"));
        assertTrue(sparkConf.get("spark.executor.extraJavaOptions").asText().contains("-Dai.djl.offline=true"));
    }

    /** Secret-looking settings must point at a secret store ({{secrets/...}}), never hold the secret itself. */
    private static void assertNoPlainSecret(JsonNode settings) {
        settings.fields().forEachRemaining(e -> {
            if (e.getKey().matches("(?i).*(secret|password|access\\.key|account\\.key|token).*")) {
                assertTrue(e.getValue().asText().matches("\\{\\{secrets/[^}]+}}"), e.getKey());
            }
        });
    }

    private static JsonNode clusterOf(JsonNode job, String key) {
        for (JsonNode cluster : job.get("job_clusters")) {
            if (cluster.get("job_cluster_key").asText().equals(key)) {
                return cluster.get("new_cluster");
            }
        }
        return fail("no job cluster " + key);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String fileName(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static List<String> script(String master, List<String> distillArgs) {
        List<String> command = new ArrayList<>(List.of("bash", DEPLOY.resolve("spark-submit.sh").toString(), master));
        command.addAll(distillArgs);
        return command;
    }

    private static List<String> submitScript(String master, List<String> distillArgs, Map<String, String> env)
            throws Exception {
        Result run = exec(script(master, distillArgs), env);
        assertEquals(0, run.code(), run.output());
        return run.output().lines().filter(l -> !l.startsWith("note:")).toList();
    }

    private record Result(int code, String output) {
    }

    private static Result exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith(ConfigOverrides.ENV_PREFIX));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    private static boolean commandExists(String name) {
        try {
            return exec(List.of(name, "--version"), Map.of()).code() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** The parts of deploy/Dockerfile the other artefacts depend on: the base image and what is copied where. */
    private record Dockerfile(String baseImage, Map<String, String> copies) {
        static Dockerfile read(Path file) throws IOException {
            Map<String, String> args = new HashMap<>();
            Map<String, String> copies = new LinkedHashMap<>();
            String base = null;
            for (String line : Files.readAllLines(file)) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "ARG" -> {
                        String[] kv = words[1].split("=", 2);
                        args.put(kv[0], kv.length > 1 ? kv[1] : "");
                    }
                    case "FROM" -> base = words[1].startsWith("${")
                            ? args.get(words[1].substring(2, words[1].length() - 1)) : words[1];
                    case "COPY" -> {
                        List<String> paths = Arrays.stream(words).skip(1).filter(w -> !w.startsWith("--")).toList();
                        String destination = paths.get(paths.size() - 1);
                        paths.subList(0, paths.size() - 1).forEach(source -> copies.put(source, destination));
                    }
                    default -> {
                    }
                }
            }
            return new Dockerfile(base, copies);
        }

        /** Where the image holds a project file or folder ({@code conf/}, or the jar by its name). */
        String destinationOf(String source) {
            for (Map.Entry<String, String> copy : copies.entrySet()) {
                if (copy.getKey().equals(source) || fileName(copy.getKey()).equals(source)) {
                    String destination = copy.getValue();
                    return destination.endsWith("/") && !source.endsWith("/") ? destination + source : destination;
                }
            }
            return fail("the Dockerfile copies no " + source);
        }
    }
}
