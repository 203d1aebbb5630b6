package org.hotline.desk.customers;

/** A number the {@link DiallingPolicy} refuses was to be called back or dialled (the API's 422). */
public final class NotDialable extends RuntimeException {

    public NotDialable(String message) {
        super(message);
    }
}
