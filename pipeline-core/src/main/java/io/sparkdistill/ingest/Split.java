package io.sparkdistill.ingest;

import java.util.Locale;

/**
 * The data splits of a job. {@code TRANSFER} holds unlabelled in-domain text ({@code data.transfer}) and augmented
 * copies of training examples ({@code data.augmentation}): the teacher labels it, the distilled student learns from
 * those labels alone, and no gold label is ever read from it.
 */
public enum Split {
    TRAIN, VALIDATION, TEST, TRANSFER;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
