package io.sparkdistill.config;

import java.util.List;

/**
 * One row of the configuration reference ({@code docs/configuration.md}), kept beside the fields of the record it
 * documents so that a key, its default and its meaning change together; {@link ConfigReference} renders the rows.
 *
 * @param keys          the keys of the row, relative to the record's section; {@code x.*} stands for a whole
 *                      nested section
 * @param defaultShown  the default as the reference shows it, or null to show the record's own default values
 * @param meaning       what the keys do, in the reference's words
 */
public record KeyDoc(List<String> keys, String defaultShown, String meaning) {

    /** A row for one key whose default is the record's. */
    public static KeyDoc of(String key, String meaning) {
        return new KeyDoc(List.of(key), null, meaning);
    }

    /** A row for one key whose default is described in words ("required", "the job's name"). */
    public static KeyDoc of(String key, String defaultShown, String meaning) {
        return new KeyDoc(List.of(key), defaultShown, meaning);
    }
}
