package io.sparkdistill.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code evaluate}), which executors were removed, and how each task of a DL4J training master's stages ended.
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final Set<String> executorsAdded = new TreeSet<>();
    private final Set<String> executorsRemoved = new TreeSet<>();
    private final Map<Integer, String> groupOfStage = new HashMap<>();
    private final Map<String, Map<String, Integer>> tasksByGroupAndExecutor = new TreeMap<>();
    private final Set<Integer> trainingStages = new TreeSet<>();
    private final Set<Integer> runningTrainingJobs = new TreeSet<>();
    private final List<TaskEnd> trainingTaskEnds = new ArrayList<>();

    /**
     * How one attempt of a task of a training master's stage ended: the RDD partition it computed, and Spark's
     * {@code reason} ("Success", "ExecutorLostFailure", "FetchFailed", ...). A stage attempt resubmitted after a lost
     * executor runs only the missing partitions, numbered from 0 within it: the partition, not that index, says
     * which task ran again.
     */
    public record TaskEnd(int stage, int partition, int attempt, String executor, String reason) {
        boolean succeeded() {
            return "Success".equals(reason);
        }
    }

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
                    // The job that trains (dl4j-spark's fit: the workers' mapPartitions, gathered by the master's
                    // processResults) has that method in its call site; the master's counting jobs do not.
                    for (JsonNode stage : event.path("Stage Infos")) {
                        if (stage.path("Details").asText().contains("TrainingMaster.processResults")) {
                            trainingStages.add(stage.path("Stage ID").asInt());
                            runningTrainingJobs.add(event.path("Job ID").asInt());
                        }
                    }
                }
                case "SparkListenerJobEnd" -> runningTrainingJobs.remove(event.path("Job ID").asInt());
                case "SparkListenerTaskEnd" -> {
                    int stage = event.path("Stage ID").asInt();
                    String group = groupOfStage.getOrDefault(stage, "none");
                    JsonNode task = event.path("Task Info");
                    String executor = task.path("Executor ID").asText();
                    tasksByGroupAndExecutor.computeIfAbsent(group, g -> new TreeMap<>()).merge(executor, 1, Integer::sum);
                    if (trainingStages.contains(stage)) {
                        trainingTaskEnds.add(new TaskEnd(stage, task.path("Partition ID").asInt(),
                                task.path("Attempt").asInt(), executor,
                                event.path("Task End Reason").path("Reason").asText()));
                    }
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
        String text = Files.readString(file);
        // A log still being written may end in a line half written: only whole lines count.
        List<String> lines = List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n"));
        return new EventLog(appId, lines.stream().filter(l -> !l.isBlank()).toList());
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

    /** True while a job of a training master has started and not ended (in a log still being written). */
    public boolean trainingJobRunning() {
        return !runningTrainingJobs.isEmpty();
    }

    /** True if stage {@code stage} belongs to a training master's job. */
    public boolean isTrainingStage(int stage) {
        return trainingStages.contains(stage);
    }

    /** Every ended attempt of a task of a training master's stages, in the order they ended. */
    public List<TaskEnd> trainingTaskEnds() {
        return trainingTaskEnds;
    }

    /** The training tasks that failed and were then run again to success: same stage, same partition, later. */
    public List<TaskEnd> trainingTasksLostAndRetried() {
        List<TaskEnd> retried = new ArrayList<>();
        for (int i = 0; i < trainingTaskEnds.size(); i++) {
            TaskEnd failed = trainingTaskEnds.get(i);
            if (!failed.succeeded() && trainingTaskEnds.subList(i + 1, trainingTaskEnds.size()).stream().anyMatch(
                    later -> later.succeeded() && later.stage() == failed.stage()
                            && later.partition() == failed.partition())) {
                retried.add(failed);
            }
        }
        return retried;
    }

    /** Tasks run per executor id in the jobs of {@code jobGroup}. */
    public Map<String, Integer> tasksByExecutor(String jobGroup) {
        return tasksByGroupAndExecutor.getOrDefault(jobGroup, Map.of());
    }
}
