package io.sparkdistill.evaluate.memory;

import io.sparkdistill.evaluate.ServingMemory;
import io.sparkdistill.evaluate.MemoryMeasurements;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Measures each model's memory in a fresh process of its own: starts {@link ServingMemoryMain} once per model and
 * once with no model, all at the same time, with this JVM's java, classpath and module and system flags, and reads
 * back the line each prints. Each process costs a JVM start and a model load, a few seconds; they run side by side.
 */
public final class ServingMemoryProbe {
    /** System properties the children need to find the same native caches and model folders as this JVM. */
    private static final List<String> INHERITED_PROPERTIES = List.of("ai.djl.offline", "java.io.tmpdir",
            "org.bytedeco.javacpp.cachedir", "jna.tmpdir", "sparkdistill.model.dir", "sparkdistill.local-model.dir");

    private static final String EMPTY_JVM = "empty-jvm";

    private final Path workDir;
    private final Duration timeout;

    /**
     * @param workDir a local folder for the inputs file and the children's error output
     * @param timeout how long each process may take
     */
    public ServingMemoryProbe(Path workDir, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /**
     * One model to measure: its kind and the local files it loads.
     *
     * @param kind  a {@link ServedModel} name
     * @param files what that kind reads, in its order
     */
    public record Model(String kind, List<String> files) {
        public Model {
            ServedModel.valueOf(kind.toUpperCase(Locale.ROOT));
            files = List.copyOf(files);
        }
    }

    /**
     * Loads each model in a process of its own, answers {@code inputs} with it, and returns the figures by role, or
     * a {@link MemoryMeasurements#notMeasured} saying why not.
     */
    public MemoryMeasurements measure(TaskType task, List<Map<String, String>> inputs, Map<String, Model> byRole) {
        if (!ServingMemoryMain.supported()) {
            return MemoryMeasurements.notMeasured("no " + ServingMemoryMain.PROC_STATUS + " on "
                    + System.getProperty("os.name") + "; the peak resident set is read from Linux's /proc");
        }
        Path inputsFile = workDir.resolve("inputs.json");
        try {
            Files.createDirectories(workDir);
            new ObjectMapper().writeValue(inputsFile.toFile(), Map.of("task", task.configName(), "inputs", inputs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the memory probe's inputs into " + workDir, e);
        }
        Map<String, Process> started = new LinkedHashMap<>();
        try {
            started.put(EMPTY_JVM, start(EMPTY_JVM, inputsFile, new Model("none", List.of())));
            byRole.forEach((role, model) -> started.put(role, start(role, inputsFile, model)));
            ServingMemory empty = result(EMPTY_JVM, started.get(EMPTY_JVM));
            Map<String, ServingMemory> models = new LinkedHashMap<>();
            for (String role : byRole.keySet()) {
                models.put(role, result(role, started.get(role)));
            }
            return MemoryMeasurements.measured(empty, models);
        } catch (IOException e) {
            return MemoryMeasurements.notMeasured("a probe process failed: " + e.getMessage());
        } finally {
            started.values().forEach(Process::destroyForcibly);
        }
    }

    private Process start(String name, Path inputsFile, Model model) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        for (String property : INHERITED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(classpath());
        command.add(ServingMemoryMain.class.getName());
        command.add(inputsFile.toString());
        command.add(model.kind());
        command.addAll(model.files());
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(workDir.resolve(name + ".out").toFile())
                    .redirectError(workDir.resolve(name + ".err").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the memory probe for " + name, e);
        }
    }

    private ServingMemory result(String name, Process process) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + " took over " + timeout.toSeconds() + " s");
            }
            String last = Files.readAllLines(workDir.resolve(name + ".out")).stream()
                    .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
            if (process.exitValue() != 0 || last.isEmpty()) {
                List<String> err = Files.readAllLines(workDir.resolve(name + ".err"));
                throw new IOException(name + " exited with " + process.exitValue() + ": "
                        + String.join(" | ", err.subList(Math.max(0, err.size() - 5), err.size())));
            }
            return ServingMemory.fromJson(last);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " ran", e);
        }
    }

    /**
     * This JVM's classpath, plus what a launcher's class loader added (spark-submit puts the application jar there,
     * not on {@code java.class.path}).
     */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(
                File.pathSeparator)));
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException e) {
                            throw new IllegalStateException("a class loader URL that is not a URI: " + url, e);
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
