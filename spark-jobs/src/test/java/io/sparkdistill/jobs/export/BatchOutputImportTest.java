package io.sparkdistill.jobs.export;

import io.sparkdistill.jobs.InputException;
import io.sparkdistill.jobs.SharedSpark;
import io.sparkdistill.jobs.generate.BatchOutputImport;
import io.sparkdistill.teacher.batch.BatchResultLine;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchOutputImportTest {
    private static final String OK = "{\"id\": \"r1\", \"custom_id\": \"%s\", \"response\": {\"status_code\": 200, "
            + "\"request_id\": \"q\", \"body\": {\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", "
            + "\"content\": \"neutral\"}, \"finish_reason\": \"stop\"}]}}, \"error\": null}";
    private static final String EXPIRED = "{\"id\": \"r2\", \"custom_id\": \"%s\", \"response\": null, "
            + "\"error\": {\"code\": \"batch_expired\", \"message\": \"expired\"}}";
    private final SparkSession spark = SharedSpark.session();

    @Test
    void theOutputAndErrorFilesOfAFolderAreReadIntoCompletionsAndFailures(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("output.jsonl"), OK.formatted("ex-1") + "\n" + OK.formatted("ex-2") + "\n");
        Files.writeString(dir.resolve("errors.jsonl"), EXPIRED.formatted("ex-3") + "\n");
        Files.writeString(dir.resolve("_SUCCESS"), "");

        List<BatchResultLine> lines = BatchOutputImport.read(spark, dir.toString()).collect();

        Map<String, String> kinds = lines.stream().collect(Collectors.toMap(BatchResultLine::customId,
                l -> l.getClass().getSimpleName()));
        assertEquals(Map.of("ex-1", "Succeeded", "ex-2", "Succeeded", "ex-3", "Failed"), kinds);
    }

    @Test
    void aMalformedLineFailsTheReadNamingItsFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("output.jsonl");
        Files.writeString(file, OK.formatted("ex-1") + "\n\n{broken\n");

        Exception e = assertThrows(Exception.class, () -> BatchOutputImport.read(spark, file.toString()).count());

        String message = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
        assertTrue(message.contains("output.jsonl line 3"), message);
    }

    @Test
    void aMissingFolderIsRefusedNamingIt(@TempDir Path dir) {
        String missing = dir.resolve("nothing-here").toString();
        InputException e = assertThrows(InputException.class,
                () -> BatchOutputImport.read(spark, missing));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }
}
