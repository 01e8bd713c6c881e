package io.sparkdistill.evaluate.memory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkdistill.config.LocalModelSettings;
import io.sparkdistill.ingest.Example;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.text.Answerer;
import io.sparkdistill.task.SavedStudents;
import io.sparkdistill.teacher.EmbeddedTeacher;
import io.sparkdistill.teacher.LinearHead;
import io.sparkdistill.teacher.TeacherClient;
import io.sparkdistill.teacher.local.LocalModel;
import io.sparkdistill.teacher.local.LocalTeacher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model as {@link ServingMemoryMain} loads it in its process, by the arguments {@link ServingMemoryProbe} gives:
 * a kind, then the files it needs. Each kind loads the way a service embedding it would, and answers every input.
 */
enum ServedModel {
    /** No model: the reference JVM that reads the same inputs and answers nothing. */
    NONE {
        @Override
        void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs) {
        }
    },
    /** The offline teacher: the bundled encoder and its head (file: the head's JSON). */
    EMBEDDED_TEACHER {
        @Override
        void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs) throws IOException {
            LinearHead head = LinearHead.fromJson(Files.readString(Path.of(files.get(0))));
            answerInBatches(EmbeddedTeacher.onSharedEncoder(head, 1.0), task, inputs);
        }
    },
    /**
     * A user's local model (files: its settings as JSON with a local path, then the head's JSON for an encoder).
     */
    LOCAL_TEACHER {
        @Override
        void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs) throws IOException {
            // The settings record's derived accessors (isEncoder, isUrl) were written too: not settings.
            LocalModelSettings settings = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(Path.of(files.get(0)).toFile(), LocalModelSettings.class);
            LocalModel model = LocalModel.shared(settings);
            answerInBatches(settings.isEncoder()
                    ? LocalTeacher.withHead(model.newSession(),
                    LinearHead.fromJson(Files.readString(Path.of(files.get(1)))), 1.0)
                    : LocalTeacher.classifier(model.newSession(), List.of(files.get(1).split(",")), 1.0),
                    task, inputs);
        }
    },
    /** A label task's student (file: its folder). */
    LABEL_STUDENT {
        @Override
        void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs) throws IOException {
            StudentModel student = StudentModel.load(Path.of(files.get(0)));
            for (Map<String, String> in : inputs) {
                student.predict(task.inputFields().stream().map(in::get).toList());
            }
        }
    },
    /** A text task's student (file: its folder). */
    TEXT_STUDENT {
        @Override
        void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs) throws IOException {
            Answerer answerer = SavedStudents.loadText(Path.of(files.get(0))).newAnswerer();
            inputs.forEach(answerer::answer);
        }
    };

    private static final int TEACHER_BATCH = 32;

    abstract void loadAndAnswer(List<String> files, TaskType task, List<Map<String, String>> inputs)
            throws IOException;

    /** A teacher answers in batches, as it does on an executor. */
    private static void answerInBatches(TeacherClient teacher, TaskType task, List<Map<String, String>> inputs) {
        try (teacher) {
            List<Example> examples = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                examples.add(new Example("memory-probe-" + i, task, Split.TEST, inputs.get(i), null, "probe", i + 1));
            }
            for (int from = 0; from < examples.size(); from += TEACHER_BATCH) {
                teacher.answer(examples.subList(from, Math.min(from + TEACHER_BATCH, examples.size())));
            }
        }
    }
}
