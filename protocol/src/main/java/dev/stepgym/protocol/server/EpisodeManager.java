package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.StateHash;
import dev.stepgym.protocol.env.TimeLimit;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.record.TrajectoryRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Owns every open episode: opens environment factories lazily, admits episodes up to an
 * environment's capacity, gives them ids and leases (renewed on every call, idle ones reaped),
 * and composes what each step goes through: the environment (with the reward layer in front when
 * the composition root put one there, see {@code RewardLayer}), the {@link TimeLimit}, the
 * {@link StateHash}, then the trajectory line.
 *
 * <p>Thread-safe. Calls on one episode are serialised by the episode's lock (environments are
 * single-threaded); calls on different episodes run in parallel. Blocking: callers on an event loop
 * must hand calls to a worker.
 */
public final class EpisodeManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpisodeManager.class);
    private static final Pattern EPISODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int RECENT_SUMMARIES = 4096;
    /** How long a shutdown waits for steps still running, all episodes together. */
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ServerConfig config;
    private final EnvironmentRegistry registry;
    private final TrajectoryRecorder recorder;
    private final Map<String, EnvironmentFactory> factories = new ConcurrentHashMap<>();
    private final Map<String, Episode> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openPerEnv = new ConcurrentHashMap<>();
    private final RecentEpisodes recent = new RecentEpisodes(RECENT_SUMMARIES);
    private final ScheduledExecutorService reaper;
    private final ConcurrentBatch batches = new ConcurrentBatch();
    private final long leaseNanos;
    private volatile boolean shutDown;
    /** The server's own origin once it listens (see {@link EnvironmentFactory#serverListening}); null before. */
    private volatile String serverOrigin;

    public EpisodeManager(ServerConfig config) {
        this(config, EnvironmentRegistry.discover());
    }

    public EpisodeManager(ServerConfig config, EnvironmentRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.recorder = config.recordDir() == null ? null
                : new TrajectoryRecorder(config.recordDir(), config.maxOpenRecordFiles());
        this.leaseNanos = TimeUnit.SECONDS.toNanos(config.leaseSeconds());
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stepgym-lease-reaper");
            thread.setDaemon(true);
            return thread;
        });
        // A quarter of the lease (at most a second) keeps the overshoot past the lease small.
        long period = Math.max(50, Math.min(1000, config.leaseSeconds() * 1000L / 4));
        reaper.scheduleWithFixedDelay(this::reapQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    public ServerConfig config() {
        return config;
    }

    /** The registered environments, with the scenario's step limits applied. */
    public List<EnvSpec> envs() {
        List<EnvSpec> specs = new ArrayList<>();
        for (String id : registry.ids()) {
            EnvSpec spec = registry.provider(id).spec();
            specs.add(new EnvSpec(spec.id(), spec.description(), spec.actionFormat(), spec.tools(),
                    config.maxStepsOverride(id).orElse(spec.maxSteps()), spec.rewardComponents()));
        }
        return specs;
    }

    /**
     * The server listens at {@code origin}: every open factory is told now, every later one when it
     * opens ({@link EnvironmentFactory#serverListening}).
     */
    public void serverListening(String origin) {
        serverOrigin = origin;
        factories.values().forEach(f -> f.serverListening(origin));
    }

    /** HTML pages of an environment (opening its factory if needed); empty if it has none. */
    public Optional<WebPages> webPages(String envId) {
        return factory(envId).webPages();
    }

    /** Starts an episode. */
    public ResetResult reset(ResetCall call) {
        requireRunning();
        EnvSpec spec = registry.provider(call.env()).spec();
        Map<String, Object> envOptions = new LinkedHashMap<>();
        boolean privileged = false;
        int maxSteps = config.maxStepsOverride(spec.id()).orElse(spec.maxSteps());
        for (Map.Entry<String, Object> option : call.options().entrySet()) {
            switch (option.getKey()) {
                case "max_steps" -> maxSteps = stepLimit(option.getValue());
                case "privileged" -> privileged = privileged(option.getValue());
                default -> {
                    if (option.getValue() != null) {
                        envOptions.put(option.getKey(), option.getValue());
                    }
                }
            }
        }
        long seed = call.seed() != null ? call.seed() : ThreadLocalRandom.current().nextLong(0, 1L << 31);
        admit(spec.id());
        Environment env = null;
        try {
            env = new TimeLimit(factory(spec.id()).newEpisode(), maxSteps);
            Start start = guard(spec.id(), "reset", env::reset, new ResetRequest(seed, call.task(), envOptions, privileged));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("env", spec.id());
            Object task = start.info().getOrDefault("task", call.task());
            info.put("task", task);
            info.put("seed", seed);
            info.put("max_steps", maxSteps);
            start.info().forEach(info::putIfAbsent);
            String id = newEpisodeId();
            String stateHash = StateHash.of(spec.id(), env);
            Path file = recorder == null ? null : recorder.fileOf(spec.id(), id);
            Episode episode = new Episode(id, spec.id(), env, task == null ? null : task.toString(), seed, maxSteps,
                    file, info, start.context(), start.rewardPipeline(), start.observation(), 0);
            record(episode, header(episode, call.options(), null, null));
            open.put(id, episode);
            return new ResetResult(id, start.observation(), info, config.leaseSeconds(), stateHash);
        } catch (RuntimeException | Error e) {
            release(spec.id());
            if (env != null) {
                closeQuietly(env);
            }
            throw e;
        }
    }

    /** Takes one step. */
    public StepResult step(String episodeId, Action action) {
        if (action == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"action\" is required");
        }
        Episode episode = lookup(episodeId);
        episode.lock.lock();
        try {
            requireOpen(episode);
            episode.touch();
            if (episode.done()) {
                throw new StepGymException(ErrorCode.EPISODE_DONE, "episode " + episodeId + " is "
                        + (episode.terminated ? "terminated" : "truncated") + " after " + episode.steps
                        + " steps: reset or fork to go on");
            }
            long started = System.nanoTime();
            Transition transition = guard(episode.envId, "step", episode.env::step, action);
            if (transition == null || transition.observation() == null) {
                throw new StepGymException(ErrorCode.INTERNAL, "environment " + episode.envId + " returned no observation");
            }
            List<RewardComponent> rewards = transition.rewards();
            double reward = RewardComponent.total(rewards);
            int step = episode.steps + 1;
            boolean terminated = transition.terminated();
            boolean truncated = transition.truncated(); // the TimeLimit wrapper's, or the environment's own
            String stateHash = StateHash.of(episode.envId, episode.env);
            StepResult result = new StepResult(transition.observation(), reward, rewards, terminated, truncated,
                    step, stateHash, transition.info());
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // A shutdown that gave up waiting for this step may have closed the episode meanwhile:
            // then its end line is written and this step must leave no line after it.
            synchronized (episode) {
                if (episode.closed) {
                    throw notFound(episodeId);
                }
                episode.steps = step;
                episode.totalReturn += reward;
                episode.terminated = terminated;
                episode.truncated = truncated;
                episode.lastObservation = transition.observation();
                record(episode, new TrajectoryRecord.StepLine(step, action, result.observation(), rewards, reward,
                        terminated, truncated, stateHash, result.info(), elapsedMs, transition.evidence()));
            }
            return result;
        } finally {
            episode.touch();
            episode.lock.unlock();
        }
    }

    /**
     * Steps several episodes concurrently ({@link ConcurrentBatch}): results in request order, a
     * failing entry an error entry while the others go on, entries of one episode in request order.
     * At most {@link ServerLimits#maxBatchSteps()} entries (else TOO_LARGE, nothing is run). Once
     * the results reach {@link ServerLimits#maxReplyBytes()}, the remaining entries are not run and
     * answer REPLY_TOO_LARGE: no step is taken whose result the client would not get.
     */
    public BatchResult batchStep(List<BatchStep> steps) {
        ServerLimits limits = config.limits();
        if (steps.size() > limits.maxBatchSteps()) {
            throw new StepGymException(ErrorCode.TOO_LARGE, "a batch of " + steps.size() + " steps is over the limit of "
                    + limits.maxBatchSteps() + " (serve --max-batch-steps): split it");
        }
        return new BatchResult(batches.run(steps, entry -> step(entry.episodeId(), entry.action()), limits.maxReplyBytes()));
    }

    /** A new episode in the same state as {@code episodeId}, with the same step count. */
    public ResetResult fork(String episodeId) {
        requireRunning();
        Episode parent = lookup(episodeId);
        parent.lock.lock();
        try {
            requireOpen(parent);
            parent.touch();
            if (parent.done()) {
                throw new StepGymException(ErrorCode.EPISODE_DONE, "episode " + episodeId + " is done: nothing to fork");
            }
            admit(parent.envId);
            Environment child = null;
            try {
                child = guard(parent.envId, "fork", ignored -> parent.env.fork(), null);
                if (child == null) {
                    throw new StepGymException(ErrorCode.INTERNAL, "environment " + parent.envId + " returned no fork");
                }
                String id = newEpisodeId();
                Map<String, Object> info = new LinkedHashMap<>(parent.startInfo);
                info.put("parent_episode_id", parent.id);
                info.put("parent_step", parent.steps);
                String stateHash = StateHash.of(parent.envId, child);
                Path file = recorder == null ? null : recorder.fileOf(parent.envId, id);
                Episode episode = new Episode(id, parent.envId, child, parent.task, parent.seed, parent.maxSteps,
                        file, info, parent.context, parent.rewardPipeline, parent.lastObservation, parent.steps);
                record(episode, header(episode, Map.of(), parent.id, parent.steps));
                open.put(id, episode);
                return new ResetResult(id, parent.lastObservation, info, config.leaseSeconds(), stateHash);
            } catch (RuntimeException | Error e) {
                release(parent.envId);
                if (child != null) {
                    closeQuietly(child);
                }
                throw e;
            }
        } finally {
            parent.touch();
            parent.lock.unlock();
        }
    }

    /** Closes an episode and releases its resources. Idempotent: closing again returns the same summary. */
    public EpisodeSummary close(String episodeId) {
        Episode episode = open.get(episodeId);
        if (episode != null) {
            episode.lock.lock();
            try {
                EpisodeSummary summary = episode.closed ? null : closeLocked(episode, TrajectoryRecord.End.CLOSED);
                if (summary != null) {
                    return summary;
                }
            } finally {
                episode.lock.unlock();
            }
        }
        RecentEpisodes.Closed closed = recent.get(episodeId);
        if (closed != null) {
            return closed.summary();
        }
        throw notFound(episodeId);
    }

    /** The recorded trajectory of an open or recently closed episode, read back from its file. */
    public Trajectory trajectory(String episodeId) {
        if (recorder == null) {
            throw new StepGymException(ErrorCode.NOT_FOUND, "recording is off on this server: no trajectories");
        }
        Episode episode = open.get(episodeId);
        if (episode != null) {
            episode.lock.lock();
            try {
                episode.touch();
                return readTrajectory(episodeId, episode.file);
            } finally {
                episode.lock.unlock();
            }
        }
        if (!EPISODE_ID.matcher(episodeId).matches()) {
            throw notFound(episodeId);
        }
        RecentEpisodes.Closed closed = recent.get(episodeId);
        List<String> candidates = closed != null ? List.of(closed.envId()) : List.copyOf(registry.ids());
        for (String envId : candidates) {
            Path file = recorder.fileOf(envId, episodeId);
            if (Files.isRegularFile(file)) {
                return readTrajectory(episodeId, file);
            }
        }
        throw notFound(episodeId);
    }

    /**
     * Reads a trajectory for a client: bounded by the reply limit, and with errors that name the
     * episode and line but never a path of this host.
     */
    private Trajectory readTrajectory(String episodeId, Path file) {
        int limit = config.limits().maxReplyBytes();
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new StepGymException(ErrorCode.REPLY_TOO_LARGE, "the trajectory of episode " + episodeId + " is "
                        + size + " bytes, over the reply limit of " + limit + " bytes (serve --max-reply-bytes);"
                        + " read it from the record directory instead");
            }
            return TrajectoryReader.read(file);
        } catch (CorruptTrajectoryException e) {
            throw new StepGymException(ErrorCode.CORRUPT_TRAJECTORY, "the trajectory of episode " + episodeId
                    + " is damaged at line " + e.lineNumber() + ": " + e.problem(), e);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot read the trajectory of episode {} from {}", episodeId, file, e);
            throw new StepGymException(ErrorCode.INTERNAL, "cannot read the trajectory of episode " + episodeId
                    + " (see the server log)", e);
        }
    }

    /** Number of open episodes, all environments together. */
    public int openEpisodes() {
        return open.size();
    }

    /** Number of open episodes of one environment. */
    public int openEpisodes(String envId) {
        AtomicInteger count = openPerEnv.get(envId);
        return count == null ? 0 : count.get();
    }

    /**
     * Closes every episode idle past the lease (the reaper calls this periodically). Episodes busy
     * in a call are skipped: a call in progress is not idleness.
     *
     * @return how many episodes were closed
     */
    public int reapExpired() {
        long now = System.nanoTime();
        int reaped = 0;
        for (Episode episode : open.values()) {
            if (now - episode.lastTouchedNanos <= leaseNanos || !episode.lock.tryLock()) {
                continue;
            }
            try {
                if (!episode.closed && System.nanoTime() - episode.lastTouchedNanos > leaseNanos
                        && closeLocked(episode, TrajectoryRecord.End.EXPIRED) != null) {
                    reaped++;
                }
            } finally {
                episode.lock.unlock();
            }
        }
        return reaped;
    }

    /**
     * Shuts down: closes every open episode with reason {@code shutdown} (writing its end line),
     * closes the environment factories and the record files. Called by the CLI on SIGTERM.
     */
    @Override
    public void close() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        reaper.shutdownNow();
        batches.close();
        // Steps stuck in an environment must not hold the shutdown hostage: one deadline for all.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_WAIT_SECONDS);
        for (Episode episode : open.values()) {
            boolean locked = false;
            try {
                locked = episode.lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!locked) {
                LOG.warn("episode {} is still busy in {} at shutdown: closing it anyway", episode.id, episode.envId);
            }
            try {
                if (!episode.closed) {
                    closeLocked(episode, TrajectoryRecord.End.SHUTDOWN);
                }
            } finally {
                if (locked) {
                    episode.lock.unlock();
                }
            }
        }
        for (EnvironmentFactory factory : factories.values()) {
            try {
                factory.close();
            } catch (RuntimeException e) {
                LOG.warn("closing environment factory {} failed", factory.spec().id(), e);
            }
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    /**
     * Closes an episode and writes its end line. Normally called under the episode's lock; a
     * shutdown that could not get the lock calls it without, and the episode's monitor then keeps a
     * late step from writing after the end line.
     *
     * @return the summary, or null when the episode had been closed already
     */
    private EpisodeSummary closeLocked(Episode episode, String reason) {
        synchronized (episode) {
            if (episode.closed) {
                return null; // closed meanwhile by a shutdown that could not wait for the lock
            }
            episode.closed = true;
        }
        Map<String, Object> outcome;
        try {
            Map<String, Object> reported = episode.env.outcome();
            outcome = reported == null ? Map.of() : reported;
        } catch (RuntimeException e) {
            LOG.warn("outcome() of episode {} ({}) failed", episode.id, episode.envId, e);
            outcome = Map.of("error", String.valueOf(e.getMessage()));
        }
        List<Double> returns;
        try {
            returns = episode.env.returns();
        } catch (RuntimeException e) {
            LOG.warn("returns() of episode {} ({}) failed", episode.id, episode.envId, e);
            returns = null;
        }
        EpisodeSummary summary = new EpisodeSummary(episode.id, episode.steps, episode.totalReturn, outcome, returns);
        // Remembered before leaving the open map, so a concurrent lookup always finds one of the two.
        recent.put(episode.id, new RecentEpisodes.Closed(episode.envId, summary, reason));
        open.remove(episode.id);
        release(episode.envId);
        closeQuietly(episode.env);
        record(episode, new TrajectoryRecord.End(episode.steps, episode.totalReturn, outcome, reason, returns));
        if (recorder != null) {
            recorder.finish(episode.file);
        }
        return summary;
    }

    private Episode lookup(String episodeId) {
        Episode episode = episodeId == null ? null : open.get(episodeId);
        if (episode == null) {
            throw notFound(episodeId);
        }
        return episode;
    }

    private void requireOpen(Episode episode) {
        if (episode.closed) {
            throw notFound(episode.id);
        }
    }

    private StepGymException notFound(String episodeId) {
        RecentEpisodes.Closed closed = episodeId == null ? null : recent.get(episodeId);
        if (closed == null) {
            return new StepGymException(ErrorCode.EPISODE_NOT_FOUND, "no episode '" + episodeId + "'");
        }
        String why = switch (closed.reason()) {
            case TrajectoryRecord.End.EXPIRED -> "expired: idle for more than lease_seconds=" + config.leaseSeconds();
            case TrajectoryRecord.End.SHUTDOWN -> "was closed when the server shut down";
            default -> "is closed";
        };
        return new StepGymException(ErrorCode.EPISODE_NOT_FOUND, "episode " + episodeId + " " + why);
    }

    private void admit(String envId) {
        int capacity = config.capacity(envId);
        AtomicInteger count = openPerEnv.computeIfAbsent(envId, id -> new AtomicInteger());
        if (count.incrementAndGet() > capacity) {
            count.decrementAndGet();
            int retryAfter = Math.max(1, Math.min(5, config.leaseSeconds()));
            throw new CapacityException(envId + " is at capacity (" + capacity + " open episodes): close episodes or retry in "
                    + retryAfter + " s", retryAfter);
        }
    }

    private void release(String envId) {
        openPerEnv.get(envId).decrementAndGet();
    }

    private EnvironmentFactory factory(String envId) {
        EnvironmentFactory existing = factories.get(envId);
        if (existing != null) {
            return existing;
        }
        var provider = registry.provider(envId);
        return factories.computeIfAbsent(envId, id -> {
            try {
                EnvironmentFactory opened = provider.open(config.settings(id));
                String origin = serverOrigin;
                if (origin != null) {
                    opened.serverListening(origin);
                }
                return opened;
            } catch (StepGymException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StepGymException(ErrorCode.INTERNAL, "cannot open environment " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /** Runs environment code; a bug in it (not an API error) becomes INTERNAL naming the environment. */
    private static <A, R> R guard(String envId, String what, java.util.function.Function<A, R> call, A argument) {
        try {
            return call.apply(argument);
        } catch (StepGymException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, envId + " does not support " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.warn("environment {} failed in {}", envId, what, e);
            throw new StepGymException(ErrorCode.INTERNAL, "environment " + envId + " failed in " + what + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    /**
     * The header line: what the episode is, the context its reward signals read and the pipeline
     * in force with its digest (the digest of no pipeline when the environment scores itself).
     */
    private TrajectoryRecord.Header header(Episode e, Map<String, Object> options, String parentId, Integer parentStep) {
        String digest = Json.sha256(e.rewardPipeline == null ? Map.of() : e.rewardPipeline);
        return new TrajectoryRecord.Header(e.id, e.envId, version(e.envId), e.task, e.seed, config.scenario(), digest,
                parentId, parentStep, options, e.context, e.rewardPipeline, e.maxSteps);
    }

    private static String version(String envId) {
        return envId.substring(envId.lastIndexOf("-v") + 1);
    }

    private String newEpisodeId() {
        while (true) {
            String id = "ep-" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
            if (!open.containsKey(id) && recent.get(id) == null) {
                return id;
            }
        }
    }

    private void record(Episode episode, TrajectoryRecord line) {
        if (recorder == null) {
            return;
        }
        try {
            recorder.append(episode.file, line);
        } catch (RuntimeException e) {
            // A full disk must not stop training; the gap is logged loudly instead.
            LOG.error("cannot record {} of episode {}", line.getClass().getSimpleName(), episode.id, e);
        }
    }

    private void requireRunning() {
        if (shutDown) {
            throw new StepGymException(ErrorCode.SHUTTING_DOWN, "the server is shutting down: no new episodes");
        }
    }

    private void reapQuietly() {
        try {
            int reaped = reapExpired();
            if (reaped > 0) {
                LOG.info("closed {} episode(s) idle past lease_seconds={}", reaped, config.leaseSeconds());
            }
        } catch (RuntimeException e) {
            LOG.error("lease reaper failed", e);
        }
    }

    private static void closeQuietly(Environment env) {
        try {
            env.close();
        } catch (RuntimeException e) {
            LOG.warn("closing an environment failed", e);
        }
    }

    /** {@code options.max_steps}: a positive integer no higher than the server's ceiling. */
    private int stepLimit(Object value) {
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 1) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "options.max_steps must be a positive integer, got " + Json.write(value));
        }
        int ceiling = config.limits().maxStepsCeiling();
        if (number.doubleValue() > ceiling) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "options.max_steps " + Json.write(value)
                    + " is over this server's ceiling of " + ceiling + " steps (serve --max-steps-ceiling)");
        }
        return number.intValue();
    }

    private boolean privileged(Object value) {
        if (!(value instanceof Boolean flag)) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "options.privileged must be true or false, got " + Json.write(value));
        }
        if (flag && !config.allowPrivileged()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST,
                    "privileged info is not allowed on this server (start it with privileged info allowed)");
        }
        return flag;
    }
}
