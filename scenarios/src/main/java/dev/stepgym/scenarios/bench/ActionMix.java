package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a load client's episode does: the next action from the last observation, as an agent of that
 * environment would. A fresh instance per episode (it may remember what the episode showed).
 */
interface ActionMix {
    /** The action of step {@code step} (1-based) after {@code observationData}, the last observation's {@code data}. */
    String next(int step, JsonNode observationData);

    /** A mix by name: {@code searchqa} (search, open, answer). */
    static ActionMix named(String name, int steps) {
        return switch (name) {
            case "searchqa" -> new SearchQaActionMix(steps);
            default -> throw new IllegalArgumentException("no action mix '" + name + "'; known: searchqa");
        };
    }
}
