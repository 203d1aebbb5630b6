package org.hotline.api.contract;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import org.hotline.api.problem.InvalidRequest;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every request checked against the OpenAPI file itself (vertx-openapi): its parameters and body
 * must be what the file says the operation takes, else 400 problem+json with what is wrong, so
 * the document and the behaviour cannot drift apart. A request that names no operation goes on
 * (to its 404 or 405); one without a token for an operation that needs one goes on to its 401.
 */
public final class RequestContract {

    private final OpenAPIContract contract;
    private final RequestValidator validator;
    private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

    private RequestContract(OpenAPIContract contract, RequestValidator validator) {
        this.contract = contract;
        this.validator = validator;
    }

    /** Reads the OpenAPI document (YAML); a document that is not valid OpenAPI fails here, at start. */
    @SuppressWarnings("unchecked")
    public static RequestContract of(Vertx vertx, String yaml) {
        Map<String, Object> document = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        JsonObject json = new JsonObject(io.vertx.core.json.Json.encode(document));
        // the document's server is relative (/api/v1: wherever Hotline runs); vertx-openapi wants an absolute URL
        // to read the base path from, so it gets one with the same path
        io.vertx.core.json.JsonArray servers = new io.vertx.core.json.JsonArray();
        json.getJsonArray("servers", new io.vertx.core.json.JsonArray()).forEach(server -> servers.add(((JsonObject) server).copy()
                .put("url", "http://hotline" + ((JsonObject) server).getString("url"))));
        json.put("servers", servers);
        OpenAPIContract contract = OpenAPIContract.builder(vertx).setContract(json).mediaTypeRegistry(mediaTypes()).build().await();
        return new RequestContract(contract, RequestValidator.create(vertx, contract));
    }

    /** vertx-openapi's media types, and the ones this API answers with too: problem+json, YAML (the document), CSV (reports). */
    private static io.vertx.openapi.mediatype.MediaTypeRegistry mediaTypes() {
        return io.vertx.openapi.mediatype.MediaTypeRegistry.createDefault()
                .register(also(io.vertx.openapi.mediatype.MediaTypeRegistration.APPLICATION_JSON, "application/problem+json"))
                .register(also(io.vertx.openapi.mediatype.MediaTypeRegistration.TEXT_PLAIN, "application/yaml", "text/csv"));
    }

    private static io.vertx.openapi.mediatype.MediaTypeRegistration also(io.vertx.openapi.mediatype.MediaTypeRegistration like,
                                                                          String... types) {
        List<String> names = List.of(types);
        return new io.vertx.openapi.mediatype.MediaTypeRegistration() {
            @Override
            public io.vertx.openapi.mediatype.ContentAnalyser createContentAnalyser(String contentType, io.vertx.core.buffer.Buffer content,
                                                                                 io.vertx.openapi.validation.ValidationContext context) {
                return like.createContentAnalyser(contentType, content, context);
            }

            @Override
            public boolean canHandle(String mediaType) {
                return names.contains(mediaType.split(";")[0].trim());
            }

            @Override
            public List<String> supportedTypes() {
                return names;
            }
        };
    }

    /** The operation a request names, if any. */
    public Operation operation(RoutingContext ctx) {
        return contract.findOperation(ctx.request().path(), ctx.request().method());
    }

    /** The route handler: validates, then lets the request through, or fails it with a 400. */
    public void check(RoutingContext ctx) {
        Operation operation = operation(ctx);
        if (operation == null || !operation.getSecurityRequirements().isEmpty() && ctx.request().getHeader("Authorization") == null) {
            ctx.next();
            return;
        }
        extractor.extractValidatableRequest(ctx, operation)
                .compose(request -> validator.validate(request, operation.getOperationId()))
                .onSuccess(valid -> ctx.next())
                .onFailure(e -> ctx.fail(new InvalidRequest(errors(e))));
    }

    /** The validator's findings as "field: what is wrong" lines. */
    static List<String> errors(Throwable failure) {
        List<String> errors = new ArrayList<>();
        if (failure instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            collect(schema.getOutputUnit(), errors);
        }
        // a property's "does not match schema" stands above the finding that says why: keep the why
        List<String> specific = errors.stream().filter(e -> !e.matches("[^:]*: Property \".*\" does not match schema")).toList();
        if (!specific.isEmpty()) {
            return specific.stream().distinct().toList();
        }
        if (errors.isEmpty()) {
            errors.add(String.valueOf(failure.getMessage()));
        }
        return errors;
    }

    private static void collect(OutputUnit unit, List<String> errors) {
        if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
            unit.getErrors().forEach(e -> collect(e, errors));
            return;
        }
        if (unit.getError() != null) {
            String where = unit.getInstanceLocation() == null || unit.getInstanceLocation().isEmpty()
                    || unit.getInstanceLocation().equals("#") ? "body" : unit.getInstanceLocation().replaceFirst("^#?/", "")
                    .replace('/', '.');
            errors.add(where + ": " + unit.getError());
        }
    }
}
