package org.hotline.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The keys of one entry of {@code ami.servers}. The environment variables configure the first
 * server (created, named "default", if the file lists none).
 */
public enum AmiServerKey implements DocumentedKey {
    NAME("name", "HOTLINE_AMI_NAME", "default", "name of this Asterisk server (calls are stored per server)"),
    HOST("host", "HOTLINE_AMI_HOST", "127.0.0.1", "Asterisk host"),
    PORT("port", "HOTLINE_AMI_PORT", "5038", "AMI port"),
    USER("user", "HOTLINE_AMI_USER", "hotline", "AMI user (manager.conf)"),
    SECRET("secret", "HOTLINE_AMI_SECRET", "", "AMI secret (never logged)");

    private final Doc doc;

    AmiServerKey(String key, String environmentVariable, String defaultValue, String description) {
        this.doc = new Doc(key, environmentVariable, defaultValue, description);
    }

    @Override
    public Doc doc() {
        return doc;
    }

    static Optional<AmiServerKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
