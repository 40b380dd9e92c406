/**
 * SPA progress attribution (docs/reward-methods.md §2.3): a small MLP, trained with DJL on the
 * PyTorch engine over recorded trajectories, gives each step a contribution ĉ_t such that the
 * episode's Σ_t ĉ_t matches its outcome; the {@code progress_attribution} signal serves it.
 *
 * <p>{@link dev.stepgym.rewards.progress.ProgressFeatures} declares what a step looks like to the
 * model, {@link dev.stepgym.rewards.progress.ProgressTrainer} trains and writes a versioned model
 * folder, {@link dev.stepgym.rewards.progress.ProgressModel} loads and runs it (one step at a time
 * through its micro-batcher, so concurrent episodes share forward passes), and
 * {@link dev.stepgym.rewards.progress.ProgressModels} keeps one loaded model per folder per process.
 */
package dev.stepgym.rewards.progress;
