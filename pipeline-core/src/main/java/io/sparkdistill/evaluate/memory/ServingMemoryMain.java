package io.sparkdistill.evaluate.memory;

import io.sparkdistill.evaluate.ServingMemory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The process {@link ServingMemoryProbe} starts once per model: it loads one model ({@link ServedModel}), answers
 * the inputs file's inputs with it, collects the garbage, and prints one {@link ServingMemory} JSON line read from
 * its own {@code /proc/self/status}.
 *
 * <p>Arguments: the inputs file ({@code {"task": ..., "inputs": [{field: text}, ...]}}), the model kind
 * ({@code none}, {@code embedded_teacher}, {@code local_teacher}, {@code label_student}, {@code text_student}), then the
 * files that kind needs.
 */
public final class ServingMemoryMain {
    static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ServingMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ServingMemoryMain <inputs.json> <kind> [files...]");
        }
        JsonNode file = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        TaskType task = TaskType.fromConfigName(file.get("task").asText());
        List<Map<String, String>> inputs = new ObjectMapper().convertValue(file.get("inputs"),
                new TypeReference<>() { });
        ServedModel model = ServedModel.valueOf(args[1].toUpperCase(Locale.ROOT));
        model.loadAndAnswer(Arrays.asList(args).subList(2, args.length), task, inputs);

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long peak = ServingMemory.statusBytes(Files.readAllLines(PROC_STATUS), "VmHWM").orElseThrow(
                () -> new IllegalStateException(PROC_STATUS + " has no VmHWM line"));
        System.out.println(new ServingMemory(ProcessHandle.current().pid(), peak, heap).toJson());
        // Native threads (ONNX Runtime's pools, ND4J's) must not keep the process alive once it has answered.
        System.exit(0);
    }

    /** Whether this platform can say a process's peak resident set: Linux's /proc, which the child reads. */
    static boolean supported() {
        return Files.isReadable(PROC_STATUS);
    }
}
