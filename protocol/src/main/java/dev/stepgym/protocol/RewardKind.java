package dev.stepgym.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a reward component measures: a per-step signal, the episode outcome, a penalty or a shaping term. */
public enum RewardKind {
    STEP, OUTCOME, PENALTY, SHAPING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
