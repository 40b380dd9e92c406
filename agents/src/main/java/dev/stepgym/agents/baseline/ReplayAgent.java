package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.List;

/**
 * Plays a fixed list of actions, the same for every episode: with the same environment, task and
 * seed it must reproduce the same observations and state hashes (the determinism check). Asked for
 * more actions than it has, it fails rather than invent one.
 */
public final class ReplayAgent implements Agent {
    public static final String NAME = "replay";

    private final List<Action> actions;

    public ReplayAgent(List<Action> actions) {
        this.actions = List.copyOf(actions);
    }

    public List<Action> actions() {
        return actions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        return new Policy() {
            private int next;

            @Override
            public Action next(Observation observation) {
                if (next >= actions.size()) {
                    throw new IllegalStateException("replay has no action left: the script holds " + actions.size()
                            + " actions and the episode is not over");
                }
                return actions.get(next++);
            }
        };
    }
}
