package io.sparkdistill.config;

import io.sparkdistill.error.UserError;

/** A job config that cannot be run; the message names the key, the value found and what would fix it. */
public class ConfigException extends UserError {
    public ConfigException(String message) {
        super(Kind.CONFIG, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(Kind.CONFIG, message, cause);
    }
}
