package org.hotline.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.problem.InvalidRequest;

import java.util.ArrayList;
import java.util.List;

/** Reads a JSON request body field by field, collecting what is wrong with it into one 400. */
public final class RequestBody {

    private final JsonObject json;
    private final List<String> errors = new ArrayList<>();

    private RequestBody(JsonObject json) {
        this.json = json;
    }

    public static RequestBody of(RoutingContext ctx) {
        JsonObject json = ctx.body().isEmpty() ? null : ctx.body().asJsonObject(); // malformed JSON fails with DecodeException
        if (json == null) {
            throw new InvalidRequest(List.of("body: a JSON object is needed"));
        }
        return new RequestBody(json);
    }

    /** A required text field of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            errors.add(field + ": required text");
            return "";
        }
        if (text.length() > maxLength) {
            errors.add(field + ": at most " + maxLength + " characters");
        }
        return text;
    }

    /** An optional text field of at most {@code maxLength} characters; empty when absent. */
    public String optionalText(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            errors.add(field + ": must be text");
            return "";
        }
        if (text.length() > maxLength) {
            errors.add(field + ": at most " + maxLength + " characters");
        }
        return text;
    }

    /** An optional text field, absent (not the same as empty) when not sent: for partial updates. */
    public java.util.Optional<String> presentText(String field, int maxLength) {
        return json.containsKey(field) ? java.util.Optional.of(optionalText(field, maxLength)) : java.util.Optional.empty();
    }

    /** An optional whole number, absent when not sent. */
    public java.util.Optional<Integer> optionalInteger(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return java.util.Optional.empty();
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            errors.add(field + ": a whole number");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(n.intValue());
    }

    /** The body as it came. */
    public JsonObject json() {
        return json;
    }

    /** Throws the 400 if anything was wrong. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }
}
