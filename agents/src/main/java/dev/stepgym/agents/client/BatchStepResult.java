package dev.stepgym.agents.client;

import dev.stepgym.protocol.StepResult;

import java.util.Optional;

/**
 * One entry of a batch step's answer: the step's result, or the error that entry got (a failing
 * entry does not fail the others).
 */
public record BatchStepResult(StepResult result, StepGymClientException error) {
    public BatchStepResult {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a batch entry has either a result or an error");
        }
    }

    public boolean ok() {
        return result != null;
    }

    public Optional<StepResult> resultIfOk() {
        return Optional.ofNullable(result);
    }

    /** The result, or the entry's error thrown. */
    public StepResult orThrow() {
        if (error != null) {
            throw error;
        }
        return result;
    }
}
