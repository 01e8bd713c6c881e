package io.sparkdistill.teacher.api;

import io.sparkdistill.teacher.api.TeacherCallException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key holding a character no HTTP header can carry is refused before any request, by its source, position and
 * Unicode name; the key itself appears in no message (the JDK's own refusal prints the whole header).
 */
class KeyCharactersTest {
    private static final String KEY = TestClients.KEY;

    @TempDir
    Path dir;

    private static EndpointConfig fromEnvironment() {
        return new EndpointConfig(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o", null, "OPENAI_API_KEY",
                null, Map.of(), Duration.ofSeconds(5), 1);
    }

    private EndpointConfig fromFile(String content) throws Exception {
        Path file = dir.resolve("teacher.key");
        Files.writeString(file, content);
        return new EndpointConfig(Provider.OPENAI, "https://api.openai.com/v1", "gpt-4o", null, null,
                file.toString(), Map.of(), Duration.ofSeconds(5), 1);
    }

    private static TeacherCallException refusal(EndpointConfig endpoint, Map<String, String> env) {
        TeacherCallException e = assertThrows(TeacherCallException.class, () -> endpoint.apiKey(env::get));
        assertEquals(Kind.CONFIGURATION, e.kind());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.substring(0, 8)), "not even the key's start: " + e.getMessage());
        return e;
    }

    @Test
    void aTrailingZeroWidthSpaceIsNamedWithItsPositionAndTheVariable() {
        String message = refusal(fromEnvironment(), Map.of("OPENAI_API_KEY", KEY + "\u200B")).getMessage();
        int position = KEY.length() + 1;
        assertTrue(message.contains("environment variable OPENAI_API_KEY (apiKeyEnv)"), message);
        assertTrue(message.contains("character " + position + " of " + position), message);
        assertTrue(message.contains("U+200B ZERO WIDTH SPACE"), message);
    }

    @Test
    void aCarriageReturnInsideAKeyFileIsNamedWithItsPositionAndTheFile() throws Exception {
        EndpointConfig endpoint = fromFile(KEY.substring(0, 10) + "\r" + KEY.substring(10) + "\n");
        String message = refusal(endpoint, Map.of()).getMessage();
        assertTrue(message.contains("key file " + dir.resolve("teacher.key") + " (apiKeyFile)"), message);
        assertTrue(message.contains("character 11 of " + (KEY.length() + 1)), message);
        assertTrue(message.contains("U+000D CARRIAGE RETURN (CR)"), message);
    }

    @Test
    void aKeyFileOfTwoLinesIsRefusedAtTheLineFeed() throws Exception {
        String message = refusal(fromFile(KEY + "\n" + KEY + "\n"), Map.of()).getMessage();
        assertTrue(message.contains("character " + (KEY.length() + 1)), message);
        assertTrue(message.contains("U+000A LINE FEED (LF)"), message);
    }

    @Test
    void whitespaceAroundAKeyIsTrimmedAsEditorsAndEchoLeaveIt() throws Exception {
        assertEquals(KEY, fromFile("  " + KEY + "\r\n").apiKey(name -> null).orElseThrow().reveal());
        assertEquals(KEY, fromEnvironment().apiKey(Map.of("OPENAI_API_KEY", KEY + "\n")::get).orElseThrow()
                .reveal());
    }

    @Test
    void aSecretIsVisibleAsciiByConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Secret("sk-é"));
        assertEquals("character 4 of 4 is U+00E9 LATIN SMALL LETTER E WITH ACUTE, which an HTTP header cannot "
                + "carry (a key is visible ASCII only)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Secret("sk key"));
    }

    @Test
    void aRefusedKeyIsNeverSentAndTheFailureDoesNotHoldIt() throws Exception {
        String ok = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Reply.json(200, ok))) {
            Path file = dir.resolve("pasted.key");
            Files.writeString(file, KEY + "\u200B\n");
            EndpointConfig endpoint = new EndpointConfig(Provider.OPENAI, server.baseUrl(), "gpt-4o-mini", null,
                    null, file.toString(), Map.of(), Duration.ofSeconds(5), 1);
            ChatResult result = TestClients.recordingSleeps().client(endpoint, TestClients.FAST_RETRIES)
                    .complete(TestClients.hello());

            assertEquals(0, server.received().size(), "no request reaches the server");
            assertEquals(Kind.CONFIGURATION, result.failure().kind());
            assertTrue(result.failure().message().contains("U+200B"), result.failure().message());
            assertFalse(result.toString().contains(KEY), result.toString());
        }
    }
}
