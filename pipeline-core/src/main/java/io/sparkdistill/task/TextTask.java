package io.sparkdistill.task;

import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.Precision;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.config.TeacherEntry;
import io.sparkdistill.config.TeacherKind;
import io.sparkdistill.student.text.StudentCard;
import io.sparkdistill.student.text.TextStudent;
import io.sparkdistill.evaluate.baseline.TrivialBaseline;
import io.sparkdistill.evaluate.text.TextMetricStatistics;
import io.sparkdistill.student.text.TextStudentFamily;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A task whose answer is free text (qa, summarisation, math, conversation): besides what every task has, the student
 * families that can learn it (the first is the default), what the distilled student learns from a teacher's answer,
 * and the trivial baseline a student must beat to be worth deploying.
 */
public abstract non-sealed class TextTask implements TaskStrategy {
    private static final long serialVersionUID = 1L;
    /** The family of students saved before families had names: the LSTM. */
    private static final String UNNAMED_FAMILY = "lstm";

    private final Map<String, TextStudentFamily<?>> families = new LinkedHashMap<>();

    /** Registers the families in order, the default first; each under its own {@link TextStudentFamily#name()}. */
    protected TextTask(List<TextStudentFamily<?>> families) {
        families.forEach(f -> this.families.put(f.name(), f));
    }

    /** The family names {@code student.architecture} may take for this task, the default first. */
    public List<String> architectures() {
        return new ArrayList<>(families.keySet());
    }

    @Override
    public StudentArchitecture defaultArchitecture() {
        return StudentArchitecture.valueOf(architectures().get(0).toUpperCase(Locale.ROOT));
    }

    /** The family the job's student section chooses: {@code student.architecture}, or the task's default. */
    public TextStudentFamily<?> family(StudentConfig student) {
        return family(student.architecture() == null ? architectures().get(0) : student.architecture().configName());
    }

    /** The family of this name; the error lists the task's families. */
    public TextStudentFamily<?> family(String name) {
        TextStudentFamily<?> family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("student.architecture '" + name + "' is not a student of a "
                    + type().configName() + " task; expected one of " + architectures());
        }
        return family;
    }

    /** Loads a student saved in {@code folder} by whichever of this task's families wrote it. */
    public TextStudent loadStudent(Path folder) throws IOException {
        StudentCard card = StudentCard.read(folder);
        if (!type().configName().equals(card.task())) {
            throw new IOException("the student in " + folder + " was trained for task '" + card.task()
                    + "', not " + type().configName());
        }
        return family(card.family() == null ? UNNAMED_FAMILY : card.family()).load(folder);
    }

    /**
     * Only an API teacher writes free text; the levers of the label students (transfer text, augmentation, float16
     * weights, the loss's temperature, alpha and class weighting) do not apply; the student is one of the task's
     * families.
     */
    @Override
    public List<ConfigProblem> problems(JobConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<TeacherEntry> teachers = c.teachers();
        for (int i = 0; i < teachers.size(); i++) {
            if (teachers.get(i).teacher().kind() != TeacherKind.API) {
                problems.add(new ConfigProblem(teachers.size() == 1 ? "teacher.kind" : "teachers[" + i + "].kind",
                        teachers.get(i).teacher().kind(), "api for task " + type().configName()
                        + " (the embedded and local teachers label classification and nli only)"));
            }
        }
        if (!c.labels().isEmpty()) {
            problems.add(new ConfigProblem("labels", c.labels(), "no labels for a " + type().configName()
                    + " task: its answers are free text"));
        }
        if (c.data() != null && c.data().transfer() != null) {
            problems.add(new ConfigProblem("data.transfer", c.data().transfer(),
                    "no transfer text unless the task is classification or nli"));
        }
        if (c.data() != null && c.data().augmentation().enabled()) {
            problems.add(new ConfigProblem("data.augmentation.copies", c.data().augmentation().copies(),
                    "0 unless the task is classification or nli"));
        }
        if (c.student().precision() != Precision.FLOAT32) {
            problems.add(new ConfigProblem("student.precision", c.student().precision(), "float32 for a "
                    + type().configName() + " job: float16 storage is for the label students (classification, "
                    + "nli) so far"));
        }
        c.hyperparameters().labelLossKeysSet().forEach((key, value) -> problems.add(new ConfigProblem(
                "hyperparameters." + key, value, "no " + key + " for a " + type().configName() + " task: it shapes the "
                + (key.equals("learning_rate_schedule") ? "training" : "soft-label loss") + " of the label students "
                + "(classification, nli), and a text student learns the teacher's text, so nothing would read it")));
        if (c.search().enabled()) {
            problems.add(new ConfigProblem("search.enabled", true, "false for a " + type().configName() + " task: "
                    + "the automatic recipe searches the label students (classification, nli)"));
        }
        StudentArchitecture architecture = c.student().architecture();
        if (architecture != null && !families.containsKey(architecture.configName())) {
            problems.add(new ConfigProblem("student.architecture", architecture, "one of "
                    + String.join(", ", architectures()) + " for a " + type().configName() + " task"));
        }
        return problems;
    }

    /** The trivial baseline reported beside the models: what a student must beat to be worth deploying. */
    public abstract TrivialBaseline trivialBaseline();

    /** The example's inputs as one readable text, for the worked examples of the report. */
    public abstract String describeInputs(Map<String, String> inputs);

    /** Whether each answer's sentence BLEU is kept with the predictions (conversation, where BLEU is a metric). */
    public boolean sentenceBleu() {
        return false;
    }

    /**
     * Empty statistics of the task's metrics, to add examples to where they are answered and merge (the evaluate and
     * train stages sum them on the executors).
     */
    public abstract TextMetricStatistics newStatistics();

    /** The task's metrics for predictions and their references in the same order, by name. */
    public Map<String, Double> metrics(List<String> predictions, List<List<String>> references) {
        return newStatistics().addAll(predictions, references).metrics();
    }

    @Override
    public Map<String, Object> scores(List<String> predictions, List<List<String>> references) {
        return new LinkedHashMap<>(metrics(predictions, references));
    }

    @Override
    public boolean answersRepeatByDesign() {
        return false;
    }

    @Override
    public List<String> references(String gold) {
        return List.of(gold);
    }
}
