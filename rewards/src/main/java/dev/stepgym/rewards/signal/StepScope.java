package dev.stepgym.rewards.signal;

import java.util.List;

/**
 * What a signal sees when it scores one step: the episode's context, the evidence of the steps
 * before, and this step's evidence, each read as this signal (errors name it).
 *
 * @param step     the step's number, 1-based
 * @param context  the episode's context (the goal, gold documents, ...), from the reset
 * @param previous the evidence of steps 1 .. step-1, in order
 * @param current  this step's evidence
 */
public record StepScope(int step, Evidence context, List<Evidence> previous, Evidence current) {
    public StepScope {
        previous = List.copyOf(previous);
    }

    /** Every step so far, this one last. */
    public List<Evidence> soFar() {
        java.util.ArrayList<Evidence> all = new java.util.ArrayList<>(previous);
        all.add(current);
        return all;
    }
}
