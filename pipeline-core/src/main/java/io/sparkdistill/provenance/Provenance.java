package io.sparkdistill.provenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an artefact (a saved student, a run's metrics and report) was made: enough to tell two artefacts apart and to
 * make one again. Written into {@code student.json} and {@code metrics.json}, summarised in the report, printed by
 * {@code distill provenance}. Students saved before this record existed read back with their run id alone (their
 * other entries are ignored).
 *
 * @param runId           the run that made the artefact
 * @param createdAt       when, as an ISO-8601 instant
 * @param project         the spark-distill build that ran
 * @param runtime         Java, Spark and DL4J versions
 * @param config          the effective config and its hash
 * @param inputs          the input files the config names, with sizes and checksums, in config order (train,
 *                        validation, test, transfer)
 * @param teacher         the teacher whose answers the students learnt from; null when there is no synthetic data
 * @param hyperparameters the training hyperparameters by their YAML names
 * @param seed            the seed of weight initialisation and shuffling
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Provenance(String runId, String createdAt, ProjectBuild project, RuntimeVersions runtime,
                         EffectiveConfig config, List<InputFile> inputs, TeacherIdentity teacher,
                         Map<String, Object> hyperparameters, Long seed) implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Provenance {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        hyperparameters = asJsonReadsThem(hyperparameters);
    }

    /**
     * The map with its numbers as a JSON reading gives them back (a long 42 becomes an int), so that a record read
     * from its file equals the record written.
     */
    private static Map<String, Object> asJsonReadsThem(Map<String, Object> map) {
        if (map == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(JSON.writeValueAsString(map), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hyperparameters must be plain JSON values: " + e.getOriginalMessage(),
                    e);
        }
    }
}
