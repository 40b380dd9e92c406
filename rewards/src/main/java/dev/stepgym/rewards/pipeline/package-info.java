/**
 * The reward pipeline: a JSON configuration of signals (with weights and parameters) and
 * transforms ({@link dev.stepgym.rewards.pipeline.PipelineConfig}), resolved against the signal
 * registry ({@link dev.stepgym.rewards.pipeline.RewardPipeline}), run per episode over the
 * evidence of each step ({@link dev.stepgym.rewards.pipeline.EpisodeRewards}), and put in front
 * of an environment as a Gymnasium-style wrapper
 * ({@link dev.stepgym.rewards.pipeline.RewardedEnvironment}) by the
 * {@link dev.stepgym.rewards.pipeline.RewardLayer}, which picks the pipeline of each episode:
 * {@code options.reward_pipeline}, else the server's or scenario's, else the environment's default.
 */
package dev.stepgym.rewards.pipeline;
