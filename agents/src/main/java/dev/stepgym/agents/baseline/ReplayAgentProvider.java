package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@link ReplayAgent} as {@code replay}. Option {@code actions}: a list whose entries
 * are text actions (strings) or tool calls ({@code {"tool":…,"arguments":{…}}}), as on the wire.
 */
public final class ReplayAgentProvider implements AgentProvider {
    @Override
    public String name() {
        return ReplayAgent.NAME;
    }

    @Override
    public String description() {
        return "replays the actions given in option \"actions\" (determinism checks)";
    }

    @Override
    public Agent create(AgentConfig config) {
        if (!(config.options().get("actions") instanceof List<?> listed)) {
            throw new IllegalArgumentException("the replay agent needs option \"actions\": a list of actions"
                    + " (strings or {\"tool\",\"arguments\"} objects)");
        }
        List<Action> actions = new ArrayList<>();
        for (Object entry : listed) {
            try {
                actions.add(Json.convert(Json.toTree(entry), Action.class));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("replay action #" + actions.size() + " is not an action: " + entry, e);
            }
        }
        return new ReplayAgent(actions);
    }
}
