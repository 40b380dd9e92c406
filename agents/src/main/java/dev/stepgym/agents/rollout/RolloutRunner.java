package dev.stepgym.agents.rollout;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.agents.client.EpisodeClosed;
import dev.stepgym.agents.client.EpisodeTransport;
import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs episodes with an agent, {@link RolloutOptions#concurrency()} at a time, over one
 * {@link EpisodeTransport} (an HTTP client or a single multiplexed WebSocket). Every episode it
 * opens it closes again, whatever happens; an episode that fails is reported with its error and
 * the others go on.
 *
 * <pre>{@code
 * try (StepGymSocket socket = StepGymSocket.connect("ws://127.0.0.1:8080/v1/ws")) {
 *     List<EpisodeReport> reports = new RolloutRunner(socket, RolloutOptions.concurrency(8))
 *             .run(EpisodeSpec.seeds("shop-v1", 0, 100), Agents.create("random", 1), StepListener.NONE);
 *     System.out.println(RolloutSummary.of(reports));
 * }
 * }</pre>
 */
public final class RolloutRunner {
    private final EpisodeTransport transport;
    private final RolloutOptions options;

    /** The runner does not own {@code transport}: the caller closes it. */
    public RolloutRunner(EpisodeTransport transport, RolloutOptions options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
    }

    public List<EpisodeReport> run(List<EpisodeSpec> specs, Agent agent) {
        return run(specs, agent, StepListener.NONE);
    }

    /**
     * Runs every spec and returns one report per spec, in the specs' order.
     *
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted; the
     *         episodes in flight are still closed
     */
    public List<EpisodeReport> run(List<EpisodeSpec> specs, Agent agent, StepListener listener) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(listener, "listener");
        List<EpisodeSpec> episodes = List.copyOf(specs);
        if (episodes.isEmpty()) {
            return List.of();
        }
        Map<String, EnvSpec> envSpecs = envSpecs();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(options.concurrency(), episodes.size()), runnable -> {
            Thread thread = new Thread(runnable, "stepgym-rollout-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<EpisodeReport>> running = new ArrayList<>(episodes.size());
            for (int i = 0; i < episodes.size(); i++) {
                int index = i;
                running.add(workers.submit(() -> runEpisode(index, episodes.get(index), agent, envSpecs, listener)));
            }
            List<EpisodeReport> reports = new ArrayList<>(episodes.size());
            for (Future<EpisodeReport> episode : running) {
                reports.add(episode.get());
            }
            return List.copyOf(reports);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("rollout interrupted");
        } catch (ExecutionException e) {
            // runEpisode catches everything it can; this is an Error (out of memory and the like)
            throw new IllegalStateException("rollout worker died: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    /** The server's environment specs, for {@link EpisodeStart#spec()}; none if it cannot list them. */
    private Map<String, EnvSpec> envSpecs() {
        Map<String, EnvSpec> byId = new LinkedHashMap<>();
        try {
            for (EnvSpec spec : transport.envs()) {
                byId.put(spec.id(), spec);
            }
        } catch (RuntimeException e) {
            // Agents work without a spec (it only helps tool-calling ones); the resets will tell
            // whether the server is reachable at all.
        }
        return byId;
    }

    private EpisodeReport runEpisode(int index, EpisodeSpec spec, Agent agent, Map<String, EnvSpec> envSpecs, StepListener listener) {
        EpisodeTally tally = new EpisodeTally();
        String episodeId = null;
        String error = null;
        EpisodeClosed closed = null;
        try {
            ResetResult reset = transport.reset(new ResetParams(spec.env(), spec.task(), spec.seed(), resetOptions(agent, spec)));
            episodeId = reset.episodeId();
            tally.finalInfo = reset.info();
            tally.stateHash = reset.stateHash();
            listener.onReset(index, spec, reset);
            Policy policy = agent.start(new EpisodeStart(episodeId, envSpecs.get(spec.env()), reset.observation(), reset.info(), spec.seed()));
            Observation observation = reset.observation();
            while (!tally.done()) {
                if (tally.steps >= options.maxStepsPerEpisode()) {
                    tally.truncated = true; // the runner's guard, for a server that never ends the episode
                    break;
                }
                Action action = policy.next(observation);
                if (action == null) {
                    throw new IllegalStateException("agent " + agent.name() + " returned no action at step " + (tally.steps + 1));
                }
                StepResult result = transport.step(episodeId, action);
                tally.add(action, result);
                listener.onStep(index, result.step(), action, result);
                observation = result.observation();
            }
        } catch (RuntimeException e) {
            error = describe(e);
        } finally {
            if (episodeId != null) {
                // Close even when interrupted: clear the flag for the call, restore it afterwards.
                boolean interrupted = Thread.interrupted();
                try {
                    closed = transport.close(episodeId);
                } catch (RuntimeException e) {
                    error = error == null ? "closing the episode failed: " + describe(e) : error;
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        EpisodeReport report = new EpisodeReport(index, spec, episodeId, tally.steps, tally.totalReturn, tally.componentSums,
                closed == null ? Map.of() : closed.outcome(), tally.finalInfo, tally.terminated, tally.truncated,
                tally.stateHash, tally.actions, error);
        try {
            listener.onEnd(index, report);
        } catch (RuntimeException e) {
            report = report.withError(report.ok() ? "listener onEnd failed: " + describe(e) : report.error());
        }
        return report;
    }

    /** The agent's required options under the episode's own, which win on a clash. */
    private static Map<String, Object> resetOptions(Agent agent, EpisodeSpec spec) {
        Map<String, Object> merged = new LinkedHashMap<>(agent.resetOptions());
        merged.putAll(spec.options());
        return merged;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Running totals of one episode. */
    private static final class EpisodeTally {
        int steps;
        double totalReturn;
        final Map<String, Double> componentSums = new LinkedHashMap<>();
        final List<Action> actions = new ArrayList<>();
        Map<String, Object> finalInfo = Map.of();
        String stateHash;
        boolean terminated;
        boolean truncated;

        void add(Action action, StepResult result) {
            steps++;
            totalReturn += result.reward();
            for (RewardComponent component : result.rewards()) {
                componentSums.merge(component.name(), component.weighted(), Double::sum);
            }
            actions.add(action);
            finalInfo = result.info();
            stateHash = result.stateHash();
            terminated = result.terminated();
            truncated = result.truncated();
        }

        boolean done() {
            return terminated || truncated;
        }
    }
}
