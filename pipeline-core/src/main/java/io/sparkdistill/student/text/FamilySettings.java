package io.sparkdistill.student.text;

import io.sparkdistill.config.Hyperparameters;
import io.sparkdistill.config.StudentConfig;

import java.io.Serializable;

/**
 * What a student family is told to build: the job's student section (sizes, vocabulary, teacher word vectors) and
 * its training hyperparameters (learning rate and seed go into the network's configuration).
 */
public record FamilySettings(StudentConfig student, Hyperparameters hyperparameters) implements Serializable {
}
