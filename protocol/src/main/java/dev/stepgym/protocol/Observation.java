package dev.stepgym.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What the agent sees after a reset or a step.
 *
 * @param text             the observation as text, ready for a prompt
 * @param availableActions actions valid in this state (text form), possibly empty
 * @param data             structured, environment-specific content (deterministic: no wall-clock values)
 * @param lastActionError  why the last action could not be parsed or executed, or null when it was fine
 */
public record Observation(
        String text,
        List<String> availableActions,
        Map<String, Object> data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastActionError) {

    public Observation {
        availableActions = availableActions == null ? List.of() : List.copyOf(availableActions);
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public static Observation of(String text, List<String> availableActions) {
        return new Observation(text, availableActions, Map.of(), null);
    }

    public Observation withError(String error) {
        return new Observation(text, availableActions, data, error);
    }
}
