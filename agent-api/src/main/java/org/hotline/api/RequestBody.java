package org.hotline.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.problem.InvalidRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON request body field by field, collecting what is wrong with it into one 400: a body
 * that is not a JSON object, text with a NUL or another control character (other than tab and
 * line breaks), an id that is not a positive whole number.
 */
public final class RequestBody {

    private final JsonObject json;
    private final List<String> errors;
    private final String prefix;

    private RequestBody(JsonObject json) {
        this(json, new ArrayList<>(), "");
    }

    private RequestBody(JsonObject json, List<String> errors, String prefix) {
        this.json = json;
        this.errors = errors;
        this.prefix = prefix;
    }

    public static RequestBody of(RoutingContext ctx) {
        if (ctx.body().isEmpty()) {
            throw new InvalidRequest(List.of("body: a JSON object is needed"));
        }
        Object value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer()); // malformed JSON fails with DecodeException
        if (!(value instanceof JsonObject json)) {
            throw new InvalidRequest(List.of("body: a JSON object is needed, not " + (value == null ? "null"
                    : value instanceof io.vertx.core.json.JsonArray ? "an array" : value instanceof String ? "a string" : "a " + kind(value))));
        }
        return new RequestBody(json);
    }

    private static String kind(Object value) {
        return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "value";
    }

    /** True when {@code text} holds a NUL or a control character other than tab, CR and LF (PostgreSQL refuses NUL in text). */
    public static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private void clean(String field, String text) {
        if (hasControlCharacters(text)) {
            errors.add(prefix + field + ": must not contain NUL or control characters");
        }
    }

    /** A required text field of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            errors.add(prefix + field + ": required text");
            return "";
        }
        if (text.length() > maxLength) {
            errors.add(prefix + field + ": at most " + maxLength + " characters");
        }
        clean(field, text);
        return text;
    }

    /** An optional text field of at most {@code maxLength} characters; empty when absent. */
    public String optionalText(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            errors.add(prefix + field + ": must be text");
            return "";
        }
        if (text.length() > maxLength) {
            errors.add(prefix + field + ": at most " + maxLength + " characters");
        }
        clean(field, text);
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
            errors.add(prefix + field + ": a whole number");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(n.intValue());
    }

    /** An optional id: a positive whole number (1.5, "7", -1 and 1e30 are refused), absent when not sent. */
    public java.util.Optional<Long> optionalId(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return java.util.Optional.empty();
        }
        // JSON gives Integer or Long for whole numbers in range, BigInteger past it, Double for 1.5 or 1e30 (7.0 is taken)
        long id = value instanceof Integer || value instanceof Long ? ((Number) value).longValue()
                : value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? d.longValue() : 0;
        if (id >= 1) {
            return java.util.Optional.of(id);
        }
        errors.add(prefix + field + ": an id (a positive whole number)");
        return java.util.Optional.empty();
    }

    /** A required id, as {@link #optionalId}. */
    public long id(String field) {
        java.util.Optional<Long> id = optionalId(field);
        if (id.isEmpty() && json.getValue(field) == null) {
            errors.add(prefix + field + ": an id (a positive whole number) is required");
        }
        return id.orElse(0L);
    }

    /** An optional date like 2026-11-23, absent when not sent. */
    public java.util.Optional<java.time.LocalDate> presentDate(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(String.valueOf(value)));
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(prefix + field + ": a date like 2026-11-23");
            return java.util.Optional.empty();
        }
    }

    /** An optional true or false, absent when not sent. */
    public java.util.Optional<Boolean> presentBoolean(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return java.util.Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            errors.add(prefix + field + ": true or false");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(b);
    }

    /** An optional whole number from {@code min} to {@code max}, absent when not sent. */
    public java.util.Optional<Integer> presentInteger(String field, int min, int max) {
        Object value = json.getValue(field);
        if (value != null && (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min || n.doubleValue() > max)) {
            errors.add(prefix + field + ": a whole number from " + min + " to " + max);
            return java.util.Optional.empty();
        }
        return optionalInteger(field);
    }

    /** The objects of an optional array field (at most {@code max}), each read like a body; its errors name the field and place. */
    public List<RequestBody> objects(String field, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof io.vertx.core.json.JsonArray array) || array.size() > max) {
            errors.add(prefix + field + ": a list of at most " + max + " objects");
            return List.of();
        }
        List<RequestBody> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.getValue(i) instanceof JsonObject item) {
                items.add(new RequestBody(item, errors, prefix + field + "[" + i + "]."));
            } else {
                errors.add(prefix + field + "[" + i + "]: an object");
            }
        }
        return items;
    }

    /** Adds what is wrong with the body, beyond what its fields' readers found. */
    public void wrong(String message) {
        errors.add(prefix + message);
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
