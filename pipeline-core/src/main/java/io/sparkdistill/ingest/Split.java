package io.sparkdistill.ingest;

import java.util.Locale;

/** The data splits of a job. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
