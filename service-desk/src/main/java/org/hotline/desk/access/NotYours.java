package org.hotline.desk.access;

/** Thrown when an agent asks to act on something the access rules keep from them (the API's 403). */
public final class NotYours extends RuntimeException {

    public NotYours(String message) {
        super(message);
    }
}
