package io.sparkdistill.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One input file an artefact was made from, with its size and SHA-256: the same path can hold other data next week,
 * the checksum says whether it still holds this.
 *
 * @param path   where it was read, as the config named it after globs and folders were expanded
 * @param bytes  its length
 * @param sha256 the hex SHA-256 of its bytes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InputFile(String path, long bytes, String sha256) implements Serializable {

    /** Reads {@code in} to its end (the caller closes it) and records the file {@code path} it came from. */
    public static InputFile read(String path, InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            for (int n = digesting.read(buffer); n >= 0; n = digesting.read(buffer)) {
                bytes += n;
            }
        }
        return new InputFile(path, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
