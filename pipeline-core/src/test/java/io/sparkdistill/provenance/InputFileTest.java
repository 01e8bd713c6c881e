package io.sparkdistill.provenance;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputFileTest {

    private static InputFile checksum(String name, byte[] content) throws Exception {
        Path file = Files.createDirectories(Path.of("target", "input-file-test")).resolve(name);
        Files.write(file, content);
        try (InputStream in = Files.newInputStream(file)) {
            return InputFile.read(file.toString(), in);
        }
    }

    @Test
    void recordsTheSizeAndTheSha256OfARealFile() throws Exception {
        InputFile abc = checksum("abc.txt", "abc".getBytes(StandardCharsets.US_ASCII));
        // FIPS 180-2's first SHA-256 example.
        assertEquals(new InputFile(Path.of("target", "input-file-test", "abc.txt").toString(), 3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), abc);
    }

    @Test
    void readsAFileLongerThanItsBufferToTheEnd() throws Exception {
        InputFile million = checksum("million-a.txt", "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII));
        // FIPS 180-2's third example: one million 'a'.
        assertEquals(1_000_000, million.bytes());
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", million.sha256());
    }

    @Test
    void anEmptyFileHasTheSha256OfNothing() throws Exception {
        InputFile empty = checksum("empty.txt", new byte[0]);
        assertEquals(0, empty.bytes());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.sha256());
    }
}
