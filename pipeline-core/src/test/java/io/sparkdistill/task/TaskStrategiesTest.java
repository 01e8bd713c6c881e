package io.sparkdistill.task;

import io.sparkdistill.ingest.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStrategiesTest {

    @Test
    void everyTaskTypeHasExactlyOneRegisteredStrategy() {
        for (TaskType task : TaskType.values()) {
            assertEquals(task, TaskStrategies.of(task).type());
        }
    }

    @Test
    void eachTaskIsJudgedByOnePrimaryMetric() {
        assertEquals("accuracy", TaskStrategies.of(TaskType.CLASSIFICATION).primaryMetric());
        assertEquals("accuracy", TaskStrategies.of(TaskType.NLI).primaryMetric());
        assertEquals("f1", TaskStrategies.of(TaskType.QA).primaryMetric());
        assertEquals("rougeL", TaskStrategies.of(TaskType.SUMMARISATION).primaryMetric());
        assertEquals("chrf", TaskStrategies.of(TaskType.CONVERSATION).primaryMetric());
        assertEquals("exact_match", TaskStrategies.of(TaskType.MATH).primaryMetric());
    }

    @Test
    void labelTasksAndTextTasksAreTheirTwoKinds() {
        assertInstanceOf(LabelTask.class, TaskStrategies.of(TaskType.NLI));
        assertInstanceOf(TextTask.class, TaskStrategies.of(TaskType.QA));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskStrategies.text(TaskType.NLI));
        assertTrue(e.getMessage().contains("nli is a label task"), e.getMessage());
    }

    @Test
    void eachTextTaskOffersItsOwnStudentFirstAndTheLstmToo() {
        assertEquals(List.of("extractive", "lstm"), TaskStrategies.text(TaskType.QA).architectures());
        assertEquals(List.of("extractive", "lstm"), TaskStrategies.text(TaskType.SUMMARISATION).architectures());
        assertEquals(List.of("program", "lstm"), TaskStrategies.text(TaskType.MATH).architectures());
        assertEquals(List.of("selection", "lstm"), TaskStrategies.text(TaskType.CONVERSATION).architectures());
    }

    @Test
    void aQaExamplesReferencesAreItsAnswersArray() {
        assertEquals(List.of("1974", "in 1974"), TaskStrategies.of(TaskType.QA).references("[\"1974\", \"in 1974\"]"));
        assertThrows(IllegalArgumentException.class, () -> TaskStrategies.of(TaskType.QA).references("[]"));
    }

    @Test
    void theDistilledMathStudentLearnsTheTeachersWorkedSolution() {
        TextTask math = TaskStrategies.text(TaskType.MATH);
        assertEquals("3 + 4 = 7\n#### 7", math.trainingTarget("7", "3 + 4 = 7\n#### 7"));
        assertEquals("7", math.trainingTarget("7", null));
        assertEquals("7", TaskStrategies.text(TaskType.QA).trainingTarget("7", "because"));
    }
}
