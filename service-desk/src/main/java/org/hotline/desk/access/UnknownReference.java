package org.hotline.desk.access;

/** An id given in a request body that names nothing (the API's 422: the request is well formed, its reference is not). */
public final class UnknownReference extends RuntimeException {

    public UnknownReference(String message) {
        super(message);
    }
}
