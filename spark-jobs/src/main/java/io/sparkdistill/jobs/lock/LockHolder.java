package io.sparkdistill.jobs.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a run folder, as written inside its lock file: enough for a person to find the run (host, pid, user,
 * command, start time), and for a later run on the same host to tell whether that process is still the same one.
 *
 * @param host          the holder's host name
 * @param pid           the holder's process id on that host
 * @param pidStartedAt  when that process started (ISO-8601), so a pid reused by another process is not mistaken
 *                      for the holder; null when the platform does not say
 * @param user          the holder's user name
 * @param command       the distill command, e.g. {@code run --config conf/nli.yaml} (no --set values: they may hold
 *                      credentials)
 * @param startedAt     when the lock was taken (ISO-8601, UTC)
 * @param token         a random id of this acquisition, so a run releases or refreshes only its own lock
 */
public record LockHolder(String host, long pid, String pidStartedAt, String user, String command, String startedAt,
                         String token) {
    // The lock file reads like the run's other JSON files (snake_case, indented) for the person who opens it.
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static String toJson(LockHolder holder) {
        try {
            return JSON.writeValueAsString(holder);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the lock holder", e);
        }
    }

    /** The holder written in a lock file; {@link IllegalStateException} when the content is not one. */
    static LockHolder fromJson(String content) {
        try {
            return JSON.readValue(content, LockHolder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a lock holder: " + e.getOriginalMessage(), e);
        }
    }

    static LockHolder ofThisProcess(String command) {
        ProcessHandle self = ProcessHandle.current();
        return new LockHolder(thisHost(), self.pid(), startOf(self).orElse(null), System.getProperty("user.name"),
                command, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), UUID.randomUUID().toString());
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The name the resolver could not complete is still in the message, and it is this host's own.
            String message = e.getMessage();
            return message == null ? "unknown-host" : message.split(":")[0].trim();
        }
    }

    static Optional<String> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString);
    }

    /** One line naming the holder for an error message. */
    public String describe() {
        return "'distill " + command + "' by " + user + " on " + host + " (pid " + pid + "), started " + startedAt;
    }
}
