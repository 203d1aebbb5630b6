package org.hotline.server.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hotline.bridge.commands.PbxCommand;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link PbxCommand} as JSON between nodes: {@code {"type": "pause", "device": ..., ...}}. */
final class PbxCommandCodec {

    private PbxCommandCodec() {
    }

    static JsonObject encode(PbxCommand command) {
        JsonObject json = new JsonObject().put("device", command.device());
        return switch (command) {
            case PbxCommand.LogIn in -> json.put("type", "log_in").put("memberName", in.memberName())
                    .put("penalties", new JsonObject(new LinkedHashMap<>(in.penalties())));
            case PbxCommand.Pause pause -> json.put("type", "pause").put("reason", pause.reason());
            case PbxCommand.Ready ready -> json.put("type", "ready");
            case PbxCommand.LogOut out -> json.put("type", "log_out").put("queues", new JsonArray(out.queues()));
            case PbxCommand.Call call -> json.put("type", "call").put("number", call.number())
                    .put("variables", new JsonObject(new LinkedHashMap<>(call.variables())));
            case PbxCommand.Callback callback -> json.put("type", "callback").put("callbackId", callback.callbackId())
                    .put("customerNumber", callback.customerNumber()).put("agentId", callback.agentId());
        };
    }

    /** @throws IllegalArgumentException for a type not known (a newer node's) or a field missing */
    static PbxCommand decode(JsonObject json) {
        String device = required(json, "device");
        String type = required(json, "type");
        return switch (type) {
            case "log_in" -> {
                Map<String, Integer> penalties = new LinkedHashMap<>();
                json.getJsonObject("penalties", new JsonObject()).forEach(e -> penalties.put(e.getKey(), ((Number) e.getValue()).intValue()));
                yield new PbxCommand.LogIn(device, required(json, "memberName"), penalties);
            }
            case "pause" -> new PbxCommand.Pause(device, required(json, "reason"));
            case "ready" -> new PbxCommand.Ready(device);
            case "log_out" -> new PbxCommand.LogOut(device, json.getJsonArray("queues", new JsonArray()).stream().map(String::valueOf).toList());
            case "call" -> {
                Map<String, String> variables = new LinkedHashMap<>();
                json.getJsonObject("variables", new JsonObject()).forEach(e -> variables.put(e.getKey(), String.valueOf(e.getValue())));
                yield new PbxCommand.Call(device, required(json, "number"), variables);
            }
            case "callback" -> new PbxCommand.Callback(device, json.getLong("callbackId"), required(json, "customerNumber"),
                    json.getLong("agentId"));
            default -> throw new IllegalArgumentException("unknown command type '" + type + "'");
        };
    }

    private static String required(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }
}
