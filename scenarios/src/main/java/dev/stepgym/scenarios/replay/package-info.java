/**
 * {@code stepgym replay verify}: recorded trajectories re-executed on fresh environments, every
 * step compared field by field with what was recorded.
 */
package dev.stepgym.scenarios.replay;
