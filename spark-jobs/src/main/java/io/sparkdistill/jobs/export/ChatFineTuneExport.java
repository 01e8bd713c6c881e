package io.sparkdistill.jobs.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkdistill.ingest.Split;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.store.SyntheticStore;
import io.sparkdistill.task.TaskStrategies;
import io.sparkdistill.jobs.RunLayout;
import io.sparkdistill.teacher.api.ChatMessage;
import io.sparkdistill.teacher.prompt.PromptTemplate;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Exports a run's accepted synthetic data as chat fine-tuning JSON Lines, one example a line:
 * <pre>
 * {"messages": [{"role": "system", "content": …}, {"role": "user", "content": …},
 *               {"role": "assistant", "content": …}]}
 * </pre>
 * the format OpenAI and Azure OpenAI fine-tuning, Azure ML and Hugging Face TRL's {@code SFTTrainer} take, for an
 * LLM student (Phi-4-mini, say) trained elsewhere.
 *
 * <p>The prompt is rendered with the job's template exactly as the teacher saw it (a conversation's own turns come
 * through). The assistant turn is what the teacher answered, in the shape the prompt asked for:
 * <ul>
 *   <li>rows generated in rationale mode (their {@code template_version} ends in "+rationale"): the JSON
 *       {@code {"reason": <teacher_rationale>, "answer": <teacher_label>}}, after a prompt rendered in rationale
 *       mode;</li>
 *   <li>math outside rationale mode: the teacher's whole step-by-step solution ({@code teacher_rationale}, which
 *       ends with the {@code #### <number>} line), or the bare number when none was kept;</li>
 *   <li>otherwise {@code teacher_label}: the label for classification and nli, the teacher's text for
 *       conversation, qa and summarisation.</li>
 * </ul>
 * Written by the executors through Spark, one folder of text part files per split under
 * {@code <run>/export/chat/<split>/}; nothing is collected on the driver.
 */
public final class ChatFineTuneExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatFineTuneExport() {
    }

    /** The folder the export of {@code split} is written to: {@code <run>/export/chat/<split>}. */
    public static String folder(RunLayout layout, Split split) {
        return layout.root() + "/export/chat/" + split.configName();
    }

    /**
     * Writes the chat fine-tuning export of each split, replacing an earlier one.
     *
     * @param template   the job's template: {@code PromptTemplates.resolve(task, teacher.promptTemplate())}; its
     *                   rationale mode is taken per row from the row's {@code template_version}
     * @param labels     the job's label set (classification, nli), else ignored
     * @param singleFile coalesce each split to one part file (one upload); else one file per partition
     * @return the number of examples written per split, in the order given
     */
    public static Map<Split, Long> write(SparkSession spark, RunLayout layout, PromptTemplate template,
                                         List<String> labels, List<Split> splits, boolean singleFile) {
        SyntheticStore store = SyntheticStore.at(spark, layout.synthetic());
        if (!store.exists()) {
            throw new InputException("no synthetic data in " + layout.synthetic()
                    + "; run 'distill generate' before exporting");
        }
        Dataset<Row> synthetic = store.read();
        PromptTemplate prompt = template;
        List<String> labelSet = labels == null ? List.of() : List.copyOf(labels);
        Map<Split, Long> written = new LinkedHashMap<>();
        for (Split split : splits) {
            Dataset<String> lines = synthetic.filter(col("split").equalTo(split.configName()))
                    .map((MapFunction<Row, String>) row -> line(row, prompt, labelSet), Encoders.STRING());
            if (singleFile) {
                lines = lines.coalesce(1);
            }
            String folder = folder(layout, split);
            lines.write().mode(SaveMode.Overwrite).text(folder);
            written.put(split, spark.read().text(folder).count());
        }
        return written;
    }

    /** The JSON line of one synthetic row. */
    static String line(Row row, PromptTemplate template, List<String> labels) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("messages");
        for (ChatMessage m : messages(row, template, labels)) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the export line of " + row.getString(row.fieldIndex("id")),
                    e);
        }
    }

    /** The prompt the teacher was sent, then its answer as the assistant turn. */
    static List<ChatMessage> messages(Row row, PromptTemplate template, List<String> labels) {
        String task = row.getString(row.fieldIndex("task"));
        if (!task.equals(template.task().configName())) {
            throw new IllegalStateException("example " + row.getString(row.fieldIndex("id")) + " is a " + task
                    + " example but template " + template.source() + " is for " + template.task().configName());
        }
        String templateVersion = row.getString(row.fieldIndex("template_version"));
        boolean rationaleRow = templateVersion != null && templateVersion.endsWith(PromptTemplate.RATIONALE_SUFFIX);
        if (rationaleRow && template.rationaleFormat() == null) {
            throw new IllegalStateException("example " + row.getString(row.fieldIndex("id")) + " was generated in "
                    + "rationale mode (" + templateVersion + ") but template " + template.source()
                    + " has no rationale_format to render its prompt with");
        }
        Map<String, String> inputs = row.getJavaMap(row.fieldIndex("inputs"));
        List<ChatMessage> messages = new ArrayList<>(template.withRationale(rationaleRow).render(inputs, labels));
        messages.add(ChatMessage.assistant(answer(row, rationaleRow)));
        return messages;
    }

    private static String answer(Row row, boolean rationaleRow) {
        String label = row.getString(row.fieldIndex("teacher_label"));
        String rationale = row.getString(row.fieldIndex("teacher_rationale"));
        if (rationaleRow && rationale != null) {
            ObjectNode json = JSON.createObjectNode().put("reason", rationale).put("answer", label);
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a rationale answer", e);
            }
        }
        // What a student learns from the teacher's answer is the task's to say (math: its worked solution).
        return TaskStrategies.of(TaskType.fromConfigName(row.getString(row.fieldIndex("task"))))
                .trainingTarget(label, rationale);
    }
}
