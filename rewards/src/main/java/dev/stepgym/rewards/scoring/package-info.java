/**
 * Model-based belief scorers behind one interface ({@link dev.stepgym.rewards.scoring.BeliefScorer}):
 * IGPO's {@code p_t} from an OpenAI-compatible completions endpoint or a local model loaded with DJL
 * (both read the text {@link dev.stepgym.rewards.scoring.ChatPrompt} builds), beliefs sent by the
 * trainer, and an embedding-based proxy, used when none is configured, that measures evidence
 * coverage rather than IGPO's quantity. {@link dev.stepgym.rewards.scoring.BeliefScorers} builds one
 * from {@code scorer.*} settings.
 */
package dev.stepgym.rewards.scoring;
