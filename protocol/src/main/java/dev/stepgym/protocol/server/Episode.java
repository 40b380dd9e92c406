package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.env.Environment;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-side state of one open episode. Deliberately small: no step history (the trajectory
 * file has it), only what the next step, a fork or a close needs. Guarded by {@link #lock}.
 */
final class Episode {
    final String id;
    final String envId;
    final Environment env;
    final String task;
    final long seed;
    final int maxSteps;
    final Path file;
    final ReentrantLock lock = new ReentrantLock();
    /** Reset info, kept so a fork can answer like a reset. */
    final Map<String, Object> startInfo;
    /** What the reward signals know of the task, and the pipeline in force: a fork's header repeats them. */
    final Map<String, Object> context;
    final Map<String, Object> rewardPipeline;

    volatile long lastTouchedNanos;
    int steps;
    double totalReturn;
    boolean terminated;
    boolean truncated;
    /** Set once, under the episode's monitor (see EpisodeManager#closeLocked); read anywhere. */
    volatile boolean closed;
    /** Kept so a fork can answer with the state it starts from. */
    Observation lastObservation;

    Episode(String id, String envId, Environment env, String task, long seed, int maxSteps, Path file,
            Map<String, Object> startInfo, Map<String, Object> context, Map<String, Object> rewardPipeline,
            Observation firstObservation, int steps) {
        this.context = context;
        this.rewardPipeline = rewardPipeline;
        this.id = id;
        this.envId = envId;
        this.env = env;
        this.task = task;
        this.seed = seed;
        this.maxSteps = maxSteps;
        this.file = file;
        this.startInfo = startInfo;
        this.lastObservation = firstObservation;
        this.steps = steps;
        touch();
    }

    void touch() {
        lastTouchedNanos = System.nanoTime();
    }

    boolean done() {
        return terminated || truncated;
    }
}
