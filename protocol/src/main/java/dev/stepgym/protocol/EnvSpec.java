package dev.stepgym.protocol;

import java.util.List;

/**
 * The description of a registered environment, as listed by {@code GET /v1/envs}.
 *
 * @param id               versioned id, {@code name-vN}; new behaviour gets a new version
 * @param description      one paragraph for users
 * @param actionFormat     {@code text} or {@code tool}: the preferred form (both are accepted)
 * @param tools            the tool-call forms of the actions
 * @param maxSteps         default step limit; past it an episode is truncated
 * @param rewardComponents names of every component the environment may emit
 */
public record EnvSpec(String id, String description, String actionFormat, List<ToolSpec> tools,
                      int maxSteps, List<String> rewardComponents) {
    public EnvSpec {
        if (!id.matches("[a-z][a-z0-9_]*-v[0-9]+")) {
            throw new IllegalArgumentException("environment id must look like name-vN: " + id);
        }
        tools = List.copyOf(tools);
        rewardComponents = List.copyOf(rewardComponents);
    }
}
