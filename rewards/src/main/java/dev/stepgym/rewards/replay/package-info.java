/**
 * Offline re-scoring of recorded trajectories: every step's components recomputed from its
 * recorded evidence with another pipeline, without the environment
 * ({@link dev.stepgym.rewards.replay.Rescorer}), written to a new folder so the originals never
 * change ({@link dev.stepgym.rewards.replay.RescoreRun}).
 */
package dev.stepgym.rewards.replay;
