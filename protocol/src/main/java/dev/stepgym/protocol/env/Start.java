package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Observation;

import java.util.Map;

/** The first observation of an episode and its info (task id, instruction, privileged goal data…). */
public record Start(Observation observation, Map<String, Object> info) {
    public Start {
        info = info == null ? Map.of() : info;
    }
}
