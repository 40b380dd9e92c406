package dev.stepgym.envs.shop.goal;

/**
 * A goal with its stable id, e.g. {@code shop-test-00017}.
 *
 * @param id    stable id
 * @param split {@code train}, {@code dev} or {@code test}
 * @param goal  the goal
 */
public record Task(String id, String split, Goal goal) {
}
