package dev.stepgym.rewards.signal;

import dev.stepgym.protocol.RewardKind;
import java.util.Objects;

/**
 * A signal's fixed identity (name, kind, source, default weight), so a signal class holds only its
 * parameters and its score.
 */
public abstract class DeclaredSignal implements RewardSignal {
    private final String name;
    private final RewardKind kind;
    private final String source;
    private final double defaultWeight;

    protected DeclaredSignal(String name, RewardKind kind, String source, double defaultWeight) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.defaultWeight = defaultWeight;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final RewardKind kind() {
        return kind;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final double defaultWeight() {
        return defaultWeight;
    }
}
