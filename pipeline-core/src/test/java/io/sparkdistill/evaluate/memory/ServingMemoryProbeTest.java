package io.sparkdistill.evaluate.memory;

import io.sparkdistill.evaluate.ServingMemory;
import io.sparkdistill.evaluate.MemoryMeasurements;
import io.sparkdistill.evaluate.ModelEvaluation;
import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;
import io.sparkdistill.ingest.TaskType;
import io.sparkdistill.student.StudentMetadata;
import io.sparkdistill.student.StudentModel;
import io.sparkdistill.student.StudentNetwork;
import io.sparkdistill.teacher.LinearHead;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts JVMs that load the ONNX teacher and ND4J: about a minute on a busy 2-core machine, hence slow. */
@Tag("slow")
class ServingMemoryProbeTest {
    private static final Path DIR = Path.of("target", "serving-memory-test").toAbsolutePath();
    private static final List<String> LABELS = List.of("billing", "shipping", "refund");

    @Test
    void eachModelIsMeasuredInAProcessOfItsOwnAndTheTeacherNeedsMoreThanTheStudent() throws Exception {
        Files.createDirectories(DIR);
        Path head = DIR.resolve("head.json");
        Files.writeString(head, head().toJson());
        Path student = DIR.resolve("student");
        // The shipped default student's size (conf/customer-support.yaml): 16384 buckets x 64.
        StudentConfig config = StudentConfig.fastText(16384, 64, 2, 5);
        StudentModel.fromNetwork(StudentNetwork.create(config, Hyperparameters.defaults(), LABELS.size()),
                StudentMetadata.fastText("distilled", "classification", LABELS, config.buckets(), config.ngrams(),
                        config.charNgrams(), config.dimension(), Map.of(), null, Map.of())).save(student);
        List<Map<String, String>> inputs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inputs.add(Map.of("text", "Where is my parcel number " + i + "? It was due on Monday."));
        }

        MemoryMeasurements m = new ServingMemoryProbe(DIR.resolve("probe"), Duration.ofMinutes(5)).measure(
                TaskType.CLASSIFICATION, inputs, Map.of(
                        "teacher", new ServingMemoryProbe.Model("embedded_teacher", List.of(head.toString())),
                        "distilled", new ServingMemoryProbe.Model("label_student", List.of(student.toString()))));

        assertNull(m.notMeasured(), m::toString);
        ServingMemory teacher = m.models().get("teacher");
        ServingMemory distilled = m.models().get("distilled");
        for (ServingMemory s : List.of(m.emptyJvm(), teacher, distilled)) {
            assertTrue(s.peakResidentBytes() > 0 && s.heapAfterGcBytes() > 0, s::toString);
        }
        assertTrue(teacher.peakResidentBytes() > distilled.peakResidentBytes(), m::toString);
        assertTrue(distilled.peakResidentBytes() > m.emptyJvm().peakResidentBytes(), m::toString);
        long self = ProcessHandle.current().pid();
        Set<Long> pids = Set.of(self, m.emptyJvm().pid(), teacher.pid(), distilled.pid());
        assertEquals(4, pids.size(), "four different processes: " + m);
        assertEquals(teacher.peakResidentBytes(), m.memoryBytes("teacher"));
        System.out.println("[memory] " + m);
    }

    @Test
    void aProbeThatFailsSaysWhyAndGivesNoFigure() {
        MemoryMeasurements m = new ServingMemoryProbe(DIR.resolve("failing"), Duration.ofMinutes(2)).measure(
                TaskType.CLASSIFICATION, List.of(Map.of("text", "hi")), Map.of("distilled",
                        new ServingMemoryProbe.Model("label_student", List.of(DIR.resolve("no-such").toString()))));

        assertTrue(m.notMeasured().contains("distilled exited with 1"), m.notMeasured());
        assertEquals(ModelEvaluation.UNKNOWN, m.memoryBytes("distilled"));
        assertTrue(m.toString().startsWith("not measured: "), m.toString());
    }

    private static LinearHead head() {
        Random random = new Random(1);
        float[][] weights = new float[LABELS.size()][384];
        for (float[] row : weights) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        return new LinearHead(LABELS, weights, new float[LABELS.size()],
                new LinearHead.HeadFit("test", 0, 0, 0, 0, "2026-01-01T00:00:00Z"));
    }
}
