package org.hotline.bridge.ami.wire;

/** The first line Asterisk sends on an AMI connection: {@code Asterisk Call Manager/11.0.0}. */
public record AmiBanner(String text) {

    public static final String ASTERISK_22 = "Asterisk Call Manager/11.0.0";

    /** The AMI protocol version after the slash, or the whole line if there is none. */
    public String version() {
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(slash + 1);
    }
}
