package io.sparkdistill.config;

/** A job config that cannot be run; the message names the key, the value found and what would fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
