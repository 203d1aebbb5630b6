package org.hotline.server.config;

/**
 * One configured value as text, and where it came from ("hotline.yaml:12" or
 * "environment variable HOTLINE_HTTP_PORT"), so that an error can point at it.
 */
record Setting(String key, String value, String origin) {

    ConfigException invalid(String problem) {
        return new ConfigException(origin + ": " + key + ": " + problem);
    }
}
