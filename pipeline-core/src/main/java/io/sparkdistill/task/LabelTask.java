package io.sparkdistill.task;

import io.sparkdistill.config.ConfigProblem;
import io.sparkdistill.config.JobConfig;
import io.sparkdistill.config.StudentArchitecture;
import io.sparkdistill.evaluate.ClassificationMetrics;
import io.sparkdistill.evaluate.ClassificationScores;
import io.sparkdistill.student.search.SearchSetup;
import io.sparkdistill.teacher.validation.AnswerParser;
import io.sparkdistill.teacher.validation.LabelAnswerParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A task whose answer is one label of the job's fixed set (classification, nli): the teacher's answer must read as
 * a label, the students are the label students (fastText-like, cnn or bilstm) learning soft labels, and the task is
 * judged by accuracy.
 */
public abstract non-sealed class LabelTask implements TaskStrategy {
    private static final long serialVersionUID = 1L;

    @Override
    public StudentArchitecture defaultArchitecture() {
        return StudentArchitecture.FASTTEXT;
    }

    /**
     * At least two distinct labels, a label student, which reads no {@code student.generative} section, and a search
     * ({@code search.enabled}) that can run.
     */
    @Override
    public List<ConfigProblem> problems(JobConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> labels = c.labels();
        if (labels.size() < 2) {
            problems.add(new ConfigProblem("labels", labels, "a list of at least two labels for task "
                    + type().configName()));
        }
        if (labels.stream().anyMatch(l -> l == null || l.isBlank()) || new HashSet<>(labels).size() != labels.size()) {
            problems.add(new ConfigProblem("labels", labels, "distinct, non-empty labels"));
        }
        StudentArchitecture architecture = c.student().architecture();
        if (architecture != null && !architecture.labelStudent()) {
            problems.add(new ConfigProblem("student.architecture", architecture, "one of "
                    + Arrays.stream(StudentArchitecture.values()).filter(StudentArchitecture::labelStudent)
                    .map(StudentArchitecture::configName).collect(Collectors.joining(", ")) + " for a "
                    + type().configName() + " task"));
        }
        if (c.student().generativeWritten()) {
            problems.add(new ConfigProblem("student.generative", "a section", "no generative section for a "
                    + type().configName() + " task: it sizes the generative student of the text tasks, and a "
                    + type().configName() + " job trains a label student"));
        }
        problems.addAll(SearchSetup.problems(c));
        if (c.hyperparameters().logitAdjustment() && c.data() != null && c.data().validation() == null) {
            problems.add(new ConfigProblem("data.validation", null, "a validation split with "
                    + "hyperparameters.logit_adjustment: its strength is chosen by validation macro-F1"));
        }
        return problems;
    }

    @Override
    public boolean answersRepeatByDesign() {
        return true;
    }

    @Override
    public List<String> references(String gold) {
        return List.of(gold);
    }

    @Override
    public AnswerParser answerParser() {
        return new LabelAnswerParser();
    }

    @Override
    public String primaryMetric() {
        return "accuracy";
    }

    /**
     * Accuracy, macro-F1 and per-class F1 as scikit-learn computes them with its default labels: the sorted union of
     * the gold and predicted labels. The first reference of each example is its gold label.
     */
    @Override
    public Map<String, Object> scores(List<String> predictions, List<List<String>> references) {
        List<String> gold = references.stream().map(r -> r.get(0)).toList();
        TreeSet<String> union = new TreeSet<>(gold);
        union.addAll(predictions);
        List<String> labels = new ArrayList<>(union);
        ClassificationMetrics metrics = new ClassificationMetrics(labels);
        for (int i = 0; i < gold.size(); i++) {
            int p = labels.indexOf(predictions.get(i));
            float[] oneHot = new float[labels.size()];
            oneHot[p] = 1f;
            metrics.add(labels.indexOf(gold.get(i)), p, oneHot);
        }
        ClassificationScores s = metrics.result();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", s.accuracy());
        out.put("macro_f1", s.macroF1());
        out.put("per_class_f1", s.perClassF1());
        return out;
    }
}
