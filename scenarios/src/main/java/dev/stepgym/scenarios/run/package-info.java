/**
 * Running a scenario end to end: an embedded server, a WebSocket client, the agent and the rollout
 * runner, with a per-step reward table and a summary for the terminal.
 */
package dev.stepgym.scenarios.run;
