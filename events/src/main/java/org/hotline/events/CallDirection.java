package org.hotline.events;

/** Who placed a call: the customer ({@code inbound}), or Hotline calling a customer back ({@code callback}). */
public enum CallDirection {
    INBOUND, CALLBACK;

    @com.fasterxml.jackson.annotation.JsonValue
    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static CallDirection ofDbName(String name) {
        return java.util.Arrays.stream(values()).filter(d -> d.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call direction '" + name + "'"));
    }
}
