/**
 * OpenEnv's wire protocol over StepGym episodes, so OpenEnv's stock client ({@code GenericEnvClient},
 * {@code AutoEnv}) and the trainers' OpenEnv bridges (TRL, SkyRL) work unchanged against a StepGym
 * server. Each environment is served under {@code /openenv/{env-id}}: the WebSocket {@code /ws}
 * with OpenEnv's {@code {"type","data"}} frames, one StepGym episode per socket, and the HTTP
 * {@code /health}, {@code /schema} and {@code /metadata}. Episodes go through the same
 * {@link dev.stepgym.protocol.server.EpisodeManager} as {@code /v1}: same limits, leases, capacity
 * and trajectory records. docs/openenv.md is the user's guide.
 */
package dev.stepgym.protocol.server.openenv;
