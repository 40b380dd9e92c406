/**
 * Reward signals: the {@link dev.stepgym.rewards.signal.RewardSignal} SPI that turns a step's
 * evidence (what the environment says happened) into one named reward component, the typed
 * {@link dev.stepgym.rewards.signal.Evidence} view signals read, and the
 * {@link dev.stepgym.rewards.signal.Signals} registry that finds them by name through
 * {@link java.util.ServiceLoader}. A new reward is one class implementing the SPI plus one line in
 * {@code META-INF/services/dev.stepgym.rewards.signal.RewardSignal}.
 */
package dev.stepgym.rewards.signal;
