package io.sparkdistill.task;

import io.sparkdistill.config.TaskKeyRules;
import io.sparkdistill.ingest.TaskType;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The strategy of each task type: the registry is {@code META-INF/services/io.sparkdistill.config.TaskKeyRules},
 * read once, so a new task type is one class and one line there.
 */
public final class TaskStrategies {
    private static final Map<TaskType, TaskStrategy> BY_TYPE = load();

    private TaskStrategies() {
    }

    /** The strategy of {@code task}. */
    public static TaskStrategy of(TaskType task) {
        TaskStrategy strategy = BY_TYPE.get(task);
        if (strategy == null) {
            throw new IllegalStateException("no strategy for task " + task.configName() + " is registered in "
                    + "META-INF/services/" + TaskKeyRules.class.getName());
        }
        return strategy;
    }

    /** The strategy of a text task; the error says the task is a label task. */
    public static TextTask text(TaskType task) {
        if (of(task) instanceof TextTask text) {
            return text;
        }
        throw new IllegalArgumentException("task " + task.configName() + " is a label task, its answers are labels");
    }

    /** The strategy of a label task; the error says the task is a text task. */
    public static LabelTask label(TaskType task) {
        if (of(task) instanceof LabelTask label) {
            return label;
        }
        throw new IllegalArgumentException("task " + task.configName() + " is a text task, its answers are free text");
    }

    private static Map<TaskType, TaskStrategy> load() {
        Map<TaskType, TaskStrategy> map = new EnumMap<>(TaskType.class);
        for (TaskKeyRules rules : ServiceLoader.load(TaskKeyRules.class, TaskStrategies.class.getClassLoader())) {
            if (rules instanceof TaskStrategy strategy && map.put(strategy.type(), strategy) != null) {
                throw new IllegalStateException("two strategies are registered for task "
                        + strategy.type().configName());
            }
        }
        return map;
    }
}
