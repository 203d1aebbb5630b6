package org.hotline.desk.yaml;

/** A configuration file that cannot be used; the message starts with "file:line: key: ". */
public final class YamlFileException extends RuntimeException {

    public YamlFileException(String message) {
        super(message);
    }

    public YamlFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
