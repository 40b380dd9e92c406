/** Assembly of a running StepGym server from command-line flags or a scenario, with clean shutdown. */
package dev.stepgym.scenarios.server;
