package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.TeacherInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTeacherProvenanceTest {
    private static EndpointConfig endpoint(String keyEnv, Duration timeout, int maxInFlight) {
        return new EndpointConfig(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o", null, keyEnv, null,
                Map.of(), timeout, maxInFlight);
    }

    private static GenerationParameters temperature(double t) {
        return new GenerationParameters(t, 8, null, null, 7L, null, true, 5);
    }

    @Test
    void theFingerprintChangesWithWhatChangesTheAnswersOnly() {
        TeacherInfo base = ApiTeacherProvenance.of(endpoint("A", Duration.ofSeconds(30), 4), temperature(0.7));
        TeacherInfo operational = ApiTeacherProvenance.of(endpoint("B", Duration.ofSeconds(5), 64), temperature(0.7));
        TeacherInfo hotter = ApiTeacherProvenance.of(endpoint("A", Duration.ofSeconds(30), 4), temperature(1.0));

        assertEquals(base.modelFingerprint(), operational.modelFingerprint());
        assertNotEquals(base.modelFingerprint(), hotter.modelFingerprint());
        assertEquals(12, base.modelFingerprint().length());
    }

    @Test
    void theProvenanceNamesTheModelProviderAndParametersButNoKeySetting() {
        TeacherInfo info = ApiTeacherProvenance.of(endpoint("OPENAI_API_KEY", Duration.ofSeconds(30), 4),
                temperature(0.7));
        assertEquals("gpt-4o", info.name());
        assertEquals("openai", info.version());
        assertEquals("0.7", info.details().get("temperature"));
        assertEquals("5", info.details().get("topLogprobs"));
        assertTrue(info.details().containsKey("baseUrl"));
        assertFalse(info.toString().contains("OPENAI_API_KEY"));
    }
}
