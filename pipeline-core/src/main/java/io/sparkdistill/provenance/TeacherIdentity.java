package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.Serializable;

/**
 * Which teacher answered, as the synthetic data recorded it when it was generated: the teacher may have changed since,
 * the data has not.
 *
 * @param name            the model's name (an ensemble names its members)
 * @param version         the artefact or provider it came from
 * @param fingerprint     the teacher's fingerprint: changes whenever the model or its sampling settings do
 * @param templateVersion the prompt template's version an API teacher was asked with; null for a teacher without
 *                        prompts
 * @param generatedByRun  the run id of the generate stage that wrote the data
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeacherIdentity(String name, String version, String fingerprint, String templateVersion,
                              String generatedByRun) implements Serializable {
}
