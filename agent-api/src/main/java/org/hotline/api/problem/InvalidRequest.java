package org.hotline.api.problem;

import java.util.List;

/** A request whose body or parameters are not what the endpoint takes: a 400 naming each field at fault. */
public final class InvalidRequest extends RuntimeException {

    private final List<String> errors;

    public InvalidRequest(List<String> errors) {
        super(String.join("; ", errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
