package io.sparkdistill.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration reference is generated from the records: a key cannot be added, dropped or renamed unseen. */
class ConfigReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final String BEGIN = "<!-- The table below is generated from the config records' KeyDoc rows";
    private static final String END = "<!-- end of the generated table -->";
    private static final String REGENERATE = "mvn -o -q -pl pipeline-core test -Dtest=ConfigReferenceTest "
            + "-Dconfig.reference.write=true";

    @Test
    void theCheckedInReferenceIsTheOneTheRecordsGenerate() throws IOException {
        String checkedIn = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        int begin = checkedIn.indexOf(BEGIN);
        int end = checkedIn.indexOf(END);
        assertTrue(begin >= 0 && end > begin, REFERENCE + " has lost its markers of the generated table");
        int tableStart = checkedIn.indexOf("-->\n", begin) + "-->\n".length();
        String generated = checkedIn.substring(0, tableStart) + ConfigReference.table() + checkedIn.substring(end);
        if (Boolean.getBoolean("config.reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, checkedIn, REFERENCE + " is stale: the records' KeyDoc rows or defaults changed. "
                + "Regenerate it with: " + REGENERATE);
    }

    @Test
    void everyKeyOfEveryRecordHasARowAndEveryRowNamesAKey() {
        Set<String> sections = new HashSet<>();
        ConfigReference.SECTIONS.forEach(s -> sections.add(s.path()));
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (ConfigReference.Section section : ConfigReference.SECTIONS) {
            Set<String> documented = new HashSet<>();
            section.rows().forEach(row -> row.keys().forEach(k -> documented.add(k.replace(".*", ""))));
            Set<String> keys = new HashSet<>();
            for (Record record : section.defaults()) {
                Arrays.stream(record.getClass().getRecordComponents()).map(RecordComponent::getName)
                        .map(ConfigReference::snakeCase).forEach(keys::add);
            }
            if (section.path().equals("teacher")) {
                keys.add("kind");
            }
            for (String key : keys) {
                if (!documented.contains(key) && !sections.contains(key)) {
                    missing.add(section.path() + "." + key);
                }
            }
            documented.stream().filter(k -> !keys.contains(k)).forEach(k -> unknown.add(section.path() + "." + k));
        }
        assertEquals(List.of(), missing, "keys without a row in the reference");
        assertEquals(List.of(), unknown, "rows naming keys no record has");
    }
}
