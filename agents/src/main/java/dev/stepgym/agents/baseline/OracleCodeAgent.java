package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.Map;

/**
 * Solves {@code code-v1} tasks with their reference patch, through the public protocol: it reads
 * the diagnostics, sends the patch as one {@code apply_patch} change (so the change earns Lanser's
 * process reward like any agent's would), runs the visible tests and submits. It asks for
 * {@code "privileged": true}; a task without a reference patch, or a server that withholds it,
 * makes {@link #start} fail with a message saying so.
 */
public final class OracleCodeAgent implements Agent {
    public static final String NAME = "oracle-code";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        if (!(start.info().get("reference_patch") instanceof String patch) || patch.isBlank()) {
            throw new IllegalStateException("oracle-code needs the task's reference patch, but the reset info has no"
                    + " \"reference_patch\" (info keys: " + start.info().keySet() + "); reset code-v1 with the option"
                    + " {\"privileged\": true} in a scenario that allows privileged data, on tasks that have a reference patch");
        }
        return new Script(patch);
    }

    @Override
    public Map<String, Object> resetOptions() {
        return Map.of("privileged", true);
    }

    /** diagnostics, apply_patch, run_tests, submit. */
    private static final class Script implements Policy {
        private final String patch;
        private int step;

        Script(String patch) {
            this.patch = patch;
        }

        @Override
        public Action next(Observation observation) {
            return switch (step++) {
                case 0 -> Action.tool("diagnostics", Map.of());
                case 1 -> Action.tool("apply_patch", Map.of("patch", patch));
                case 2 -> Action.tool("run_tests", Map.of());
                default -> Action.tool("submit", Map.of());
            };
        }
    }
}
