package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Action;
import java.util.List;
import java.util.Map;

/**
 * Gymnasium's {@code TimeLimit} as a wrapper: the step that reaches {@code maxSteps} without
 * ending the episode is a truncation. A fork keeps the count it was forked at.
 */
public final class TimeLimit implements Environment {
    private final Environment env;
    private final int maxSteps;
    private int steps;

    public TimeLimit(Environment env, int maxSteps) {
        this(env, maxSteps, 0);
    }

    private TimeLimit(Environment env, int maxSteps, int steps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1: " + maxSteps);
        }
        this.env = env;
        this.maxSteps = maxSteps;
        this.steps = steps;
    }

    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Start reset(ResetRequest request) {
        steps = 0;
        return env.reset(request);
    }

    @Override
    public Transition step(Action action) {
        Transition t = env.step(action);
        steps++;
        if (t == null || t.terminated() || t.truncated() || steps < maxSteps) {
            return t;
        }
        return new Transition(t.observation(), t.rewards(), false, true, t.info(), t.evidence());
    }

    @Override
    public Environment fork() {
        return new TimeLimit(env.fork(), maxSteps, steps);
    }

    @Override
    public Object state() {
        return env.state();
    }

    @Override
    public Map<String, Object> outcome() {
        return env.outcome();
    }

    @Override
    public List<Double> returns() {
        return env.returns();
    }

    @Override
    public void close() {
        env.close();
    }
}
