package io.sparkdistill.jobs.train;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which teacher, and which generate run, a student's training data came from: part of every student's provenance. */
final class TeacherProvenance {

    private TeacherProvenance() {
    }

    /** Read from the first row of the training split (one generate run writes one teacher's provenance). */
    static Map<String, Object> of(Dataset<Row> train) {
        Row teacher = train.select("teacher_name", "teacher_version", "teacher_fingerprint", "run_id").first();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("teacher_name", teacher.getString(0));
        provenance.put("teacher_version", teacher.getString(1));
        provenance.put("teacher_fingerprint", teacher.getString(2));
        provenance.put("generated_by_run", teacher.getString(3));
        return provenance;
    }
}
