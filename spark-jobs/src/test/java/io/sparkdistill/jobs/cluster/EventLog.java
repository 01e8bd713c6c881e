package io.sparkdistill.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Spark application's event log (one JSON event a line, {@code spark.eventLog.enabled}), read for what ran where:
 * which executors ran tasks of the jobs of a job group (the stages set {@code generate}, {@code train},
 * {@code evaluate}) and which executors were removed.
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final Set<String> executorsAdded = new TreeSet<>();
    private final Set<String> executorsRemoved = new TreeSet<>();
    private final Map<Integer, String> groupOfStage = new HashMap<>();
    private final Map<String, Map<String, Integer>> tasksByGroupAndExecutor = new TreeMap<>();

    private EventLog(String appId, List<String> lines) throws IOException {
        this.appId = appId;
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            switch (event.path("Event").asText()) {
                case "SparkListenerExecutorAdded" -> executorsAdded.add(event.path("Executor ID").asText());
                case "SparkListenerExecutorRemoved" -> executorsRemoved.add(event.path("Executor ID").asText());
                case "SparkListenerJobStart" -> {
                    String group = event.path("Properties").path("spark.jobGroup.id").asText("none");
                    event.path("Stage IDs").forEach(id -> groupOfStage.put(id.asInt(), group));
                }
                case "SparkListenerTaskEnd" -> {
                    String group = groupOfStage.getOrDefault(event.path("Stage ID").asInt(), "none");
                    String executor = event.path("Task Info").path("Executor ID").asText();
                    tasksByGroupAndExecutor.computeIfAbsent(group, g -> new TreeMap<>()).merge(executor, 1, Integer::sum);
                }
                default -> {
                }
            }
        }
    }

    /** The one event log in {@code dir} (a run's own spark.eventLog.dir), finished or still in progress. */
    public static EventLog readOnlyLogIn(Path dir) throws IOException {
        Path file = onlyLogIn(dir);
        String appId = file.getFileName().toString().replace(".inprogress", "");
        return new EventLog(appId, Files.readAllLines(file));
    }

    /** The file of the one application that logged to {@code dir}; fails if there is none or several. */
    public static Path onlyLogIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().startsWith("app-")).toList();
            if (logs.size() != 1) {
                throw new IllegalStateException("expected one event log in " + dir + ", found " + logs);
            }
            return logs.get(0);
        }
    }

    public String appId() {
        return appId;
    }

    public Set<String> executorsAdded() {
        return executorsAdded;
    }

    public Set<String> executorsRemoved() {
        return executorsRemoved;
    }

    /** Tasks run per executor id in the jobs of {@code jobGroup}. */
    public Map<String, Integer> tasksByExecutor(String jobGroup) {
        return tasksByGroupAndExecutor.getOrDefault(jobGroup, Map.of());
    }
}
