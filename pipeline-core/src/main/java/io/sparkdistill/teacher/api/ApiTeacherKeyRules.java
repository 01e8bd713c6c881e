package io.sparkdistill.teacher.api;

import io.sparkdistill.config.ApiTeacherConfig;
import io.sparkdistill.config.ApiTeacherRules;
import io.sparkdistill.config.ConfigProblems;

/**
 * The API client's judgement of a job's API teacher, run by the config loader: the endpoint and the sampling
 * parameters are usable when the client can build its {@link EndpointConfig} and {@link GenerationParameters} from
 * them, whose checks name the field at fault. Registered in
 * {@code META-INF/services/io.sparkdistill.config.ApiTeacherRules}.
 */
public final class ApiTeacherKeyRules implements ApiTeacherRules {

    @Override
    public void problems(ApiTeacherConfig teacher, ConfigProblems problems) {
        if (teacher.endpoint() != null) {
            try {
                EndpointConfig.of(teacher.endpoint());
            } catch (IllegalArgumentException e) {
                problems.require(false, "endpoint", e.getMessage(), "a usable endpoint");
            }
        }
        try {
            GenerationParameters.of(teacher.generation());
        } catch (IllegalArgumentException e) {
            problems.require(false, "generation", e.getMessage(), "valid sampling parameters");
        }
    }
}
