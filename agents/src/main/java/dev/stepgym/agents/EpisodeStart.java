package dev.stepgym.agents;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent learns when an episode begins.
 *
 * @param episodeId   the server's episode id
 * @param spec        the environment's description, or null when the server did not list it
 * @param observation the reset observation
 * @param info        the reset info (task id, instruction, and with {@code "privileged": true} the goal)
 * @param seed        the seed the episode was reset with, or null when the server drew one
 */
public record EpisodeStart(String episodeId, EnvSpec spec, Observation observation, Map<String, Object> info, Long seed) {
    public EpisodeStart {
        Objects.requireNonNull(observation, "observation");
        info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }

    public Optional<EnvSpec> envSpec() {
        return Optional.ofNullable(spec);
    }
}
