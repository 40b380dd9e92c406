/**
 * {@code stepgym replay verify}: recorded trajectories re-executed on fresh environments, every
 * step compared field by field with what was recorded. Environments whose episodes open their own web
 * pages in a browser get them from a loopback {@code PageServer} the verifier starts.
 */
package dev.stepgym.scenarios.replay;
