package org.hotline.desk.access;

/**
 * An edit made on a version of something (a record, a customer, a product) that has changed since
 * the client read it: refused, not merged (the API's 409 with the current state).
 */
public final class StaleVersion extends IllegalStateException {

    private final String kind;
    private final long id;

    public StaleVersion(String kind, long id, String name, int expected, int current) {
        super(kind + " " + name + " has changed since version " + expected + " (it is at " + current + "): read it again");
        this.kind = kind;
        this.id = id;
    }

    /** What changed: record, customer, asset. */
    public String kind() {
        return kind;
    }

    public long id() {
        return id;
    }
}
