package dev.stepgym.protocol.env;

import dev.stepgym.protocol.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code state_hash}: sha256 of the canonical JSON of {@code {"env": id, "state": env.state()}}.
 * The server hashes every state with it, and replay verification recomputes it the same way.
 */
public final class StateHash {
    private StateHash() {}

    public static String of(String envId, Environment env) {
        Map<String, Object> hashed = new LinkedHashMap<>();
        hashed.put("env", envId);
        hashed.put("state", env.state());
        return Json.sha256(hashed);
    }
}
