package org.hotline.api.problem;

import java.util.Locale;

/**
 * What kind of problem a response is: the {@code code} member of every problem+json, stable and
 * meant for clients to act on and to put in the reader's language (the pages label
 * {@code problem.<code>}); the English {@code title} and {@code detail} are for logs and people
 * reading the API.
 */
public enum ProblemCode {
    INVALID_REQUEST(400, "Invalid request"),
    MALFORMED_JSON(400, "Malformed JSON"),
    BAD_REQUEST(400, "Bad request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    TOO_LARGE(413, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    CLIENT_ERROR(400, "Client error"),
    INTERNAL(500, "Internal error"),
    /** a record asked to move where its workflow does not go: members {@code from} and {@code to} */
    TRANSITION_NOT_ALLOWED(409, "Not allowed now"),
    NOT_POSSIBLE_NOW(409, "Not possible now"),
    /** an edit on a version changed since: member {@code current} */
    CHANGED_SINCE(409, "Changed since"),
    NOT_YOURS(403, "Not yours"),
    NOT_YOURS_TO_GIVE(403, "Not yours to give"),
    SUPERVISORS_ONLY(403, "Supervisors only"),
    UNKNOWN_REFERENCE(422, "Unknown reference"),
    NUMBER_NOT_ALLOWED(422, "Number not allowed"),
    /** a new customer whose phone or name is known: member {@code known} */
    CUSTOMER_KNOWN(422, "Customer already known"),
    /** member {@code retryAfterSeconds} */
    TOO_MANY_LOGINS(429, "Too many failed logins"),
    NO_DEVICE(409, "No device"),
    NO_QUEUES(409, "No queues"),
    NO_DIALER(503, "No dialer"),
    CALLBACK_NOT_OFFERED(409, "Not yours to take"),
    PBX_UNAVAILABLE(503, "PBX unavailable"),
    PBX_REFUSED(502, "PBX refused");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** As sent: {@code not-yours}, {@code pbx-unavailable}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
