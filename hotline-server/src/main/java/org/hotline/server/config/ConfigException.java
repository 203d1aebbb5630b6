package org.hotline.server.config;

/**
 * A setting that cannot be used. The message is one line that names where the setting came
 * from (file and line, or environment variable), the key, and what is wrong with it.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
