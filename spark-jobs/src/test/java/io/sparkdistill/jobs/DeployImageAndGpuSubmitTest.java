package io.sparkdistill.jobs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be checked of the container image and the GPU submit without Docker or a GPU: the Dockerfile agrees with
 * the pom, the .dockerignore lets in exactly what the Dockerfile copies, and spark-submit.sh with GPUS_PER_TASK
 * builds the stage-level GPU settings for each kind of master.
 */
class DeployImageAndGpuSubmitTest {
    private static final Path PROJECT = TestJobs.PROJECT;
    private static final Path DEPLOY = PROJECT.resolve("deploy");

    @Test
    void theDockerfilesSparkJavaAndJarAreThePoms() throws Exception {
        String pom = Files.readString(PROJECT.resolve("pom.xml"));
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        Matcher base = Pattern.compile("ARG SPARK_IMAGE=apache/spark:(\\S+)-scala(\\S+)-java(\\d+)-ubuntu")
                .matcher(dockerfile);
        assertTrue(base.find(), "the base image is the official Spark image");
        assertEquals(property(pom, "spark.version"), base.group(1));
        assertEquals(property(pom, "scala.binary.version"), base.group(2));
        assertEquals(property(pom, "maven.compiler.release"), base.group(3));
        String jobsPom = Files.readString(PROJECT.resolve("spark-jobs/pom.xml"));
        String version = property(pom, "version", "<artifactId>spark-distill</artifactId>");
        assertTrue(dockerfile.contains("spark-jobs/target/spark-jobs-" + version + "-cluster.jar"),
                "the Dockerfile copies the cluster jar of version " + version);
        assertTrue(jobsPom.contains("<shadedClassifierName>cluster</shadedClassifierName>"));
    }

    @Test
    void theDockerignoreAdmitsWhatTheDockerfileCopiesAndNothingOfTheBuildOutputElse() throws Exception {
        List<String> rules = Files.readAllLines(PROJECT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String admitted : new String[]{"conf/customer-support.yaml", "spark-jobs/target/spark-jobs-0.1.0-SNAPSHOT-cluster.jar",
                "spark-jobs/target/cloud-storage/hadoop-aws-3.3.4.jar", "deploy/getGpusResources.sh"}) {
            assertFalse(ignored(rules, admitted), admitted + " is copied by the Dockerfile");
        }
        for (String kept : new String[]{"spark-jobs/target/classes/io/X.class", "pipeline-core/target/native/a.so",
                "runs/customer-support/report.html", "target/cluster-jar-check/tmp/x", ".git/config"}) {
            assertTrue(ignored(rules, kept), kept + " should stay out of the build context");
        }
    }

    @Test
    void gpusPerTaskAsksForGpuExecutorsOnlyForTheTrainStageOnEveryMaster() throws Exception {
        Path bin = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gpu-submit");
        Path submit = bin.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertTrue(submit.toFile().setExecutable(true));
        Path jar = Files.createFile(bin.resolve("spark-jobs-0.1.0-SNAPSHOT-cluster.jar"));
        for (String master : new String[]{"yarn", "spark://master:7077", "k8s://https://k8s:6443"}) {
            List<String> args = run(bin, jar, master);
            assertTrue(args.contains("spark.dynamicAllocation.enabled=true"), master);
            assertTrue(args.contains("spark.serializer=org.apache.spark.serializer.KryoSerializer"), master);
            assertEquals(List.of("--set", "training.gpus_per_task=1"), args.subList(args.size() - 2, args.size()),
                    master + ": the train stage's resource profile asks for the GPUs");
            String script = args.stream().filter(a -> a.startsWith("spark.executor.resource.gpu.discoveryScript="))
                    .findFirst().orElseThrow();
            if (master.startsWith("k8s")) {
                assertEquals("spark.executor.resource.gpu.discoveryScript=/opt/spark-distill/getGpusResources.sh",
                        script);
                assertTrue(args.contains("spark.executor.resource.gpu.vendor=nvidia.com"), master);
            } else {
                assertEquals(DEPLOY.resolve("getGpusResources.sh").toString(), args.get(args.indexOf("--files") + 1));
                assertEquals("spark.executor.resource.gpu.discoveryScript=./getGpusResources.sh", script);
            }
        }
    }

    private static List<String> run(Path bin, Path jar, String master) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", DEPLOY.resolve("spark-submit.sh").toString(), master,
                "run", "--config", "conf/customer-support.yaml").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.equals("SPARK_HOME") || k.startsWith("DISTILL__"));
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("GPUS_PER_TASK", "1");
        builder.environment().put("JAR", jar.toString());
        builder.environment().put("IMAGE", "registry.example.com/spark-distill:0.1.0-gpu");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return new ArrayList<>(output.lines().filter(l -> !l.startsWith("note:")).toList());
    }

    /** Docker's rule: the last pattern matching the path or one of its parent folders decides; '!' admits. */
    private static boolean ignored(List<String> rules, String path) {
        boolean ignored = false;
        for (String rule : rules) {
            boolean admit = rule.startsWith("!");
            String pattern = (admit ? rule.substring(1) : rule).replaceAll("/$", "");
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (Path p = Path.of(path); p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    ignored = !admit;
                    break;
                }
            }
        }
        return ignored;
    }

    private static String property(String pom, String name) {
        return property(pom, name, "");
    }

    /** The first {@code <name>} after {@code after} in the pom's text. */
    private static String property(String pom, String name, String after) {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(pom);
        assertTrue(m.find(pom.indexOf(after)), name + " in the pom");
        return m.group(1).strip();
    }
}
