package dev.stepgym.agents.mc;

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
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Monte Carlo step values through {@code fork} (AgentPRM's targets; "rewarding progress", PAV).
 * V(s) is the mean <em>outcome score</em> of K rollouts of the given agent from a fork of state s,
 * each played to the end (the environment's step limit ends it; {@link McOptions#maxRolloutSteps}
 * guards a server that would not). A step's progress is V(s after) − V(s before).
 *
 * <p>Why the outcome and not the return: AgentPRM's Q/V targets are Monte Carlo means of the final
 * outcome ({@code z = 2·score − 1}; with γ = 1 its label {@code (Q+1)/2} is exactly the mean score),
 * and PAV's V is the probability that the rollout policy succeeds. Step rewards would make the
 * targets depend on the reward pipeline in force, which is what these values are meant to check.
 *
 * <p>A terminal state's value is its own outcome (the score the replayed episode closes with). An
 * episode cut short by its step limit without a score counts 0: it achieved nothing.
 *
 * <p>Rollouts run on a pool of {@link McOptions#concurrency()} threads; each forks, plays and closes
 * its episode inside its task, so no more than that many forks are ever open (the peak is counted:
 * {@link #peakOpenRollouts()}). Every forked and replayed episode is closed, whatever happens.
 *
 * <pre>{@code
 * try (StepGymSocket socket = StepGymSocket.connect(server.wsUrl());
 *      MonteCarloValues mc = new MonteCarloValues(socket, Agents.create("oracle-shop", 0), McOptions.of(8, 16))) {
 *     List<StepValue> values = mc.forRecorded(TrajectoryReader.read(file));
 * }
 * }</pre>
 * Thread-safe for one caller at a time per method call; share one instance across episodes.
 */
public final class MonteCarloValues implements AutoCloseable {
    private final EpisodeTransport transport;
    private final Agent agent;
    private final McOptions options;
    private final ExecutorService pool;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger rollouts = new AtomicInteger();
    private final Map<String, EnvSpec> specs = new java.util.concurrent.ConcurrentHashMap<>();

    /** The caller owns {@code transport} and closes it after this. */
    public MonteCarloValues(EpisodeTransport transport, Agent agent, McOptions options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.options = Objects.requireNonNull(options, "options");
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "stepgym-mc-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public McOptions options() {
        return options;
    }

    /** The most rollouts (forked episodes) that were open at once so far; never above the concurrency. */
    public int peakOpenRollouts() {
        return peak.get();
    }

    /** Rollouts played so far. */
    public int rolloutsPlayed() {
        return rollouts.get();
    }

    /**
     * The values of every step of a recorded episode: a fresh episode is reset with the recording's
     * environment, task, seed and options (plus the agent's reset options, e.g. privileged for an
     * oracle) and its step limit, its actions are replayed, and each state on the way is forked K times.
     *
     * @throws IllegalArgumentException for a fork's trajectory (replay its root) or one without steps
     * @throws ReplayDivergedException  when a replayed step's state hash differs from the recorded one
     */
    public List<StepValue> forRecorded(Trajectory trajectory) {
        TrajectoryRecord.Header header = trajectory.header();
        if (header.parentEpisodeId() != null) {
            throw new IllegalArgumentException("episode " + trajectory.episodeId() + " is a fork of "
                    + header.parentEpisodeId() + ": Monte Carlo values start from root episodes");
        }
        if (trajectory.steps().isEmpty()) {
            throw new IllegalArgumentException("episode " + trajectory.episodeId() + " has no steps");
        }
        Map<String, Object> resetOptions = new LinkedHashMap<>(agent.resetOptions());
        resetOptions.putAll(header.options());
        if (header.maxSteps() != null) {
            resetOptions.putIfAbsent("max_steps", header.maxSteps()); // the recording's limit, so rollouts end where its episodes did
        }
        ResetResult reset = transport.reset(new ResetParams(header.env(), header.task(), header.seed(), resetOptions));
        String replayId = reset.episodeId();
        try {
            List<Future<ValueEstimate>> values = new ArrayList<>();
            values.add(estimateAsync(replayId, header.env(), header.seed(), 0));
            StepResult last = null;
            for (TrajectoryRecord.StepLine recorded : trajectory.steps()) {
                if (last != null && last.done()) {
                    throw new ReplayDivergedException(trajectory.episodeId(), recorded.step(),
                            "the replayed episode ended at step " + last.step() + " but the recording goes on");
                }
                try {
                    last = transport.step(replayId, recorded.action());
                } catch (RuntimeException e) {
                    throw new ReplayDivergedException(trajectory.episodeId(), recorded.step(),
                            "the step failed: " + e.getMessage());
                }
                if (recorded.stateHash() != null && last.stateHash() != null && !recorded.stateHash().equals(last.stateHash())) {
                    throw new ReplayDivergedException(trajectory.episodeId(), recorded.step(),
                            "recorded state " + recorded.stateHash() + ", replayed " + last.stateHash());
                }
                values.add(last.done() ? null : estimateAsync(replayId, header.env(), header.seed(), recorded.step()));
            }
            EpisodeClosed closed = transport.close(replayId);
            replayId = null;
            List<ValueEstimate> estimates = new ArrayList<>(values.size());
            for (Future<ValueEstimate> value : values) {
                estimates.add(value == null ? ValueEstimate.exact(score(closed, header.env(), last.terminated())) : await(value));
            }
            List<StepValue> result = new ArrayList<>(trajectory.steps().size());
            for (int i = 0; i < trajectory.steps().size(); i++) {
                TrajectoryRecord.StepLine s = trajectory.steps().get(i);
                result.add(new StepValue(trajectory.episodeId(), s.step(), s.action().describe(), estimates.get(i), estimates.get(i + 1)));
            }
            return List.copyOf(result);
        } finally {
            if (replayId != null) {
                closeQuietly(replayId);
            }
        }
    }

    /**
     * V of a live episode's current state: K forks of it played to the end. The episode stays as it
     * is (forks are independent). The episode must be open and not done; an oracle rollout agent
     * needs it to have been reset with the agent's {@link Agent#resetOptions()}. A live step's
     * progress is {@code value(id)} after it minus {@code value(id)} before it (after a terminal step,
     * the outcome its close returns).
     */
    public ValueEstimate value(String episodeId, String env, long stateSeed) {
        return await(estimateAsync(episodeId, env, stateSeed, 0));
    }

    /**
     * Starts K rollouts from {@code parentId}'s current state. The forks are taken before this
     * returns, so the caller may step the parent on at once.
     */
    private Future<ValueEstimate> estimateAsync(String parentId, String env, long episodeSeed, int stateIndex) {
        List<CompletableFuture<Double>> outcomes = new ArrayList<>(options.k());
        CountDownLatch forked = new CountDownLatch(options.k());
        for (int j = 0; j < options.k(); j++) {
            long seed = mix(mix(mix(options.seed(), episodeSeed), stateIndex), j);
            outcomes.add(CompletableFuture.supplyAsync(() -> rollout(parentId, env, seed, forked), pool));
        }
        try {
            forked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while forking " + parentId);
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new IllegalStateException("a rollout from step " + stateIndex + " of " + parentId + " failed: "
                                + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
                    }
                    return ValueEstimate.of(outcomes.stream().map(CompletableFuture::join).toList());
                });
    }

    /** Forks {@code parentId}, plays the fork to the end with the agent, closes it, returns its outcome score. */
    private double rollout(String parentId, String env, long seed, CountDownLatch forked) {
        ResetResult fork;
        try {
            fork = transport.fork(parentId);
        } finally {
            forked.countDown();
        }
        int now = open.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        boolean closed = false;
        try {
            Policy policy = agent.start(new EpisodeStart(fork.episodeId(), spec(env), fork.observation(), fork.info(), seed));
            Observation observation = fork.observation();
            boolean terminated = false;
            for (int steps = 0; steps < options.maxRolloutSteps(); steps++) {
                Action action = policy.next(observation);
                if (action == null) {
                    throw new IllegalStateException("agent " + agent.name() + " returned no action");
                }
                StepResult result = transport.step(fork.episodeId(), action);
                if (result.done()) {
                    terminated = result.terminated();
                    break;
                }
                observation = result.observation();
            }
            EpisodeClosed end = transport.close(fork.episodeId());
            closed = true;
            rollouts.incrementAndGet();
            return score(end, env, terminated);
        } finally {
            open.decrementAndGet();
            if (!closed) {
                closeQuietly(fork.episodeId());
            }
        }
    }

    private EnvSpec spec(String env) {
        if (specs.isEmpty()) {
            try {
                transport.envs().forEach(s -> specs.put(s.id(), s));
            } catch (RuntimeException e) {
                // agents work without a spec; it only helps tool-calling ones
            }
        }
        return specs.get(env);
    }

    /**
     * The outcome score an episode closed with. An episode that did not terminate (truncated by its
     * step limit, or stopped by the rollout guard) and has no score achieved nothing: 0. A terminated
     * one without a score means the environment does not report outcomes, which these values need.
     */
    private static double score(EpisodeClosed closed, String env, boolean terminated) {
        if (closed.score().isPresent()) {
            return closed.score().getAsDouble();
        }
        if (!terminated) {
            return 0.0;
        }
        throw new IllegalStateException("environment " + env + " ended an episode without an outcome score (outcome "
                + closed.outcome() + "): Monte Carlo values need one");
    }

    private static ValueEstimate await(Future<ValueEstimate> value) {
        try {
            return value.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        }
    }

    private void closeQuietly(String episodeId) {
        boolean interrupted = Thread.interrupted();
        try {
            transport.close(episodeId);
        } catch (RuntimeException e) {
            // the server expires it; the caller already has the error that matters
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SplitMix64's finaliser over a combination: nearby inputs give unrelated seeds. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Stops the rollout threads; rollouts in flight are abandoned (their forks expire on the server). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
