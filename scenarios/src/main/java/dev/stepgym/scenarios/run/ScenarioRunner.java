package dev.stepgym.scenarios.run;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.server.ScenarioConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario the way a trainer would: an embedded server on loopback, one WebSocket, the
 * scenario's episodes driven concurrently by the agent through the public protocol only.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /** Runs {@code scenario} with its own agent, recording trajectories under {@code recordDir}. */
    public static List<EpisodeReport> run(Scenario scenario, Path recordDir, StepListener listener) {
        return run(scenario, recordDir, listener, Map.of());
    }

    /** As {@link #run(Scenario, Path, StepListener)}, building the agent with {@code agentOptions} (e.g. the LLM agent's settings). */
    public static List<EpisodeReport> run(Scenario scenario, Path recordDir, StepListener listener, Map<String, Object> agentOptions) {
        Agent agent = agent(scenario, agentOptions); // a bad agent name or option fails before the server is built
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(scenario, recordDir), ScenarioConfig.registry(scenario))) {
            return play(scenario, server, listener, agent);
        }
    }

    /** Runs {@code scenario} against a server that is already up (several agents share one catalog). */
    public static List<EpisodeReport> run(Scenario scenario, RunningServer server, StepListener listener) {
        return run(scenario, server, listener, Map.of());
    }

    /**
     * As {@link #run(Scenario, RunningServer, StepListener)}, building the agent with
     * {@code agentOptions}: {@code Agents.create(scenario.agent(), new AgentConfig(seed, agentOptions))}.
     */
    public static List<EpisodeReport> run(Scenario scenario, RunningServer server, StepListener listener, Map<String, Object> agentOptions) {
        return play(scenario, server, listener, agent(scenario, agentOptions));
    }

    private static Agent agent(Scenario scenario, Map<String, Object> agentOptions) {
        return Agents.create(scenario.agent(), new AgentConfig(scenario.seeds().start(), agentOptions));
    }

    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofMinutes(5);

    private static List<EpisodeReport> play(Scenario scenario, RunningServer server, StepListener listener, Agent agent) {
        // The server bounds every step itself; the client waits long enough for a first reset that starts
        // heavy resources (gui-v1's browser pool on a loaded machine takes longer than the default 30 s).
        try (StepGymSocket socket = StepGymSocket.builder(server.wsUrl()).requestTimeout(REQUEST_TIMEOUT).build()) {
            RolloutRunner runner = new RolloutRunner(socket, RolloutOptions.concurrency(scenario.concurrency()));
            return runner.run(episodes(scenario), agent, listener);
        }
    }

    /** One spec per episode: listed tasks in order, else seeds that pick tasks from the split. */
    public static List<EpisodeSpec> episodes(Scenario scenario) {
        List<EpisodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < scenario.episodes(); i++) {
            Map<String, Object> options = new LinkedHashMap<>(scenario.options());
            String task = null;
            if (scenario.tasks().isEmpty()) {
                options.putIfAbsent("split", scenario.split());
            } else {
                task = scenario.tasks().get(i);
            }
            specs.add(new EpisodeSpec(scenario.env(), task, scenario.seeds().start() + i, options));
        }
        return specs;
    }
}
