/**
 * Model-based belief scorers behind one interface ({@link dev.stepgym.rewards.scoring.BeliefScorer}):
 * an OpenAI-compatible completions endpoint, a local model loaded with DJL, beliefs sent by the
 * trainer, and an embedding-based proxy used when none is configured.
 */
package dev.stepgym.rewards.scoring;
