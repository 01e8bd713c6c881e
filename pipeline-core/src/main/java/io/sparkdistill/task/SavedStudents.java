package io.sparkdistill.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextStudent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Spark-free way into a saved student of any task: which task it was trained for, read from its
 * {@code student.json}, and for a text task the student itself, loaded by the family that wrote it. A JVM service
 * embeds a student with these two calls and {@link TextStudent#newAnswerer()} (label students: {@code StudentModel}).
 */
public final class SavedStudents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedStudents() {
    }

    /** The task the student in {@code folder} was trained for. */
    public static TaskType taskOf(Path folder) throws IOException {
        Path card = folder.resolve(StudentCard.FILE_NAME);
        if (!Files.isRegularFile(card)) {
            throw new IOException("no student at " + folder + " (no " + StudentCard.FILE_NAME + ")");
        }
        JsonNode task = JSON.readTree(card.toFile()).get("task");
        if (task == null || !task.isTextual()) {
            throw new IOException(card + " names no task");
        }
        return TaskType.fromConfigName(task.asText());
    }

    /** The text-task student saved in {@code folder}. */
    public static TextStudent loadText(Path folder) throws IOException {
        return TaskStrategies.text(taskOf(folder)).loadStudent(folder);
    }
}
