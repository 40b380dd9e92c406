/**
 * Running untrusted commands (an agent's tests) with a timeout, a memory cap, output caps, a
 * process cap, no network, and a guarantee that nothing they start outlives the run.
 * {@link dev.stepgym.sandbox.process.ProcessRunner} composes standard Linux tools found at
 * start-up ({@code setsid}, {@code unshare}, {@code setpriv}, {@code prlimit}); see
 * {@link dev.stepgym.sandbox.process.Containment} for what each contributes and the fallbacks.
 */
package dev.stepgym.sandbox.process;
