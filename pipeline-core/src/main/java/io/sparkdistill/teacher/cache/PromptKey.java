package io.sparkdistill.teacher.cache;

import io.sparkdistill.teacher.api.ChatMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The key a paid teacher answer is kept under: the teacher's fingerprint (endpoint, model and every sampling
 * parameter, never the key), the prompt template's version and the exact messages sent. Two examples with the same
 * key would be asked the same question of the same teacher, so the answer bought for one serves both, in this run
 * or in any later run that shares the cache.
 */
public final class PromptKey {
    private static final char FIELD = '\u001f';
    private static final char MESSAGE = '\u001e';

    private PromptKey() {
    }

    /** 32 hex digits (128 bits) of a SHA-256 over the teacher, the template version and the messages. */
    public static String of(String teacherFingerprint, String templateVersion, List<ChatMessage> messages) {
        Objects.requireNonNull(teacherFingerprint, "teacherFingerprint");
        Objects.requireNonNull(templateVersion, "templateVersion");
        StringBuilder canonical = new StringBuilder(teacherFingerprint).append(FIELD).append(templateVersion);
        for (ChatMessage m : messages) {
            canonical.append(MESSAGE).append(m.role()).append(FIELD).append(m.content());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
