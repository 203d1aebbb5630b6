package org.hotline.server.config;

import java.util.regex.Pattern;

/** Takes secrets out of connection strings before they are logged or shown in an error. */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:password|secret|sslpassword)=)[^&;]*");

    private Redaction() {
    }

    /**
     * {@code redis://:secret@host:6379/0} becomes {@code redis://****@host:6379/0}, and
     * {@code jdbc:postgresql://h/db?password=x} becomes {@code jdbc:postgresql://h/db?password=****}.
     */
    public static String connectionString(String uri) {
        return SECRET_PARAMETER.matcher(USER_INFO.matcher(uri).replaceFirst("****@")).replaceAll("$1****");
    }
}
