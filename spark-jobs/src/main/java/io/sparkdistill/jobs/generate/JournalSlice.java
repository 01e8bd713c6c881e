package io.sparkdistill.jobs.generate;

import io.sparkdistill.teacher.api.ChatResult;
import io.sparkdistill.teacher.cache.JournalEntry;
import io.sparkdistill.teacher.cache.ResponseJson;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.SerializableConfiguration;

import java.io.Serializable;

/**
 * Where the task attempts of one slice of a generate run journal the answers they pay for: a folder of its own,
 * dropped once the slice's outputs are committed, with one file per task attempt (a retried or speculative attempt
 * never appends to another's file, so a torn line can only be a file's last).
 */
record JournalSlice(String folder, SerializableConfiguration hadoop, String teacherFingerprint,
                    String templateVersion) implements Serializable {

    /** The journal of the running task attempt. */
    Writer openForTask(TaskContext task) {
        Path file = new Path(folder, String.format("part-%05d-%d-%d.jsonl", task.partitionId(), task.stageId(),
                task.taskAttemptId()));
        return new Writer(new JournalWriter(file, hadoop.value()));
    }

    /** Journals the answers of one task attempt as this slice's entries. */
    final class Writer implements AutoCloseable {
        private final JournalWriter file;

        private Writer(JournalWriter file) {
            this.file = file;
        }

        /** Journals a paid answer durably, then hands it back; a failed call cost nothing and is not journaled. */
        ChatResult keep(String promptKey, ChatResult result) {
            if (result.succeeded()) {
                file.append(new JournalEntry(promptKey, teacherFingerprint, templateVersion,
                        ResponseJson.write(result.response()), result.promptTokens(), result.completionTokens()));
            }
            return result;
        }

        @Override
        public void close() {
            file.close();
        }
    }
}
