package org.hotline.server.config;

/** A configuration key with the environment variable that overrides it, its default and its meaning. */
public interface DocumentedKey {

    /** What the README's configuration table says of a key. */
    record Doc(String key, String environmentVariable, String defaultValue, String description) {
    }

    Doc doc();

    default String key() {
        return doc().key();
    }

    default String environmentVariable() {
        return doc().environmentVariable();
    }

    default String defaultValue() {
        return doc().defaultValue();
    }

    default String description() {
        return doc().description();
    }
}
