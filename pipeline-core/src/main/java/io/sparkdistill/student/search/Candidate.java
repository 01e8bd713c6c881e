package io.sparkdistill.student.search;

import io.sparkdistill.config.ClassWeighting;
import io.sparkdistill.config.StudentArchitecture;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One point of the automatic recipe's grid: the settings a distilled student is trained with. {@code index} is its
 * place in the full grid, which orders candidates whose scores tie.
 *
 * @param index              place in the grid (0-based), in the order the config lists the values
 * @param architecture       the label student family
 * @param temperature        the distillation temperature
 * @param alpha              the gold-label weight
 * @param classWeighting     how the loss weighs the classes
 * @param augmentationCopies augmented copies per training example learnt from (0: none)
 */
public record Candidate(int index, StudentArchitecture architecture, double temperature, double alpha,
                        ClassWeighting classWeighting, int augmentationCopies) implements Serializable {

    /** A short readable name, unique within a grid: {@code cnn t2 a0.3 balanced copies4}. */
    public String name() {
        return String.format(Locale.ROOT, "%s t%s a%s %s copies%d", architecture, number(temperature),
                number(alpha), classWeighting, augmentationCopies);
    }

    /** The settings under the config keys they replace, for the saved student's card and the summary. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("architecture", architecture.configName());
        settings.put("temperature", temperature);
        settings.put("alpha", alpha);
        settings.put("class_weighting", classWeighting.configName());
        settings.put("augmentation_copies", augmentationCopies);
        return settings;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
