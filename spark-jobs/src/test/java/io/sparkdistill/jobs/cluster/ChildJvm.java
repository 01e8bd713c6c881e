package io.sparkdistill.jobs.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a JVM from this test JVM's own classpath and flags (surefire's argLine: Spark's module opens, native caches
 * inside target/), with its own heap, its output in files, so Spark daemons and drivers need no download.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The test classpath, every entry spelled out (surefire passes it so, not as a manifest-only jar). */
    public static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** This JVM's flags without its heap size or agents, which each child sets or does not need. */
    public static List<String> inheritedFlags() {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-javaagent")
                    && !arg.startsWith("-agentlib")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /**
     * Starts {@code mainClass} with {@code heap} (e.g. "512m"); stdout and stderr go to {@code <logs>/<name>.out}
     * and {@code .err}. {@code env} is added to this JVM's environment.
     */
    public static Process start(String name, Path logs, String heap, List<String> extraFlags, Map<String, String> env,
                                String mainClass, List<String> args) throws IOException {
        return start(name, logs, heap, classpath(), extraFlags, env, mainClass, args);
    }

    /** As above, on {@code classpath} instead of this JVM's (a cluster jar and Spark's jars, as spark-submit runs). */
    public static Process start(String name, Path logs, String heap, String classpath, List<String> extraFlags,
                                Map<String, String> env, String mainClass, List<String> args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(inheritedFlags());
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Kills the process and every process it started (a worker's executors), and waits for them to go. */
    public static void destroyTree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            p.onExit().join();
        }
    }
}
