/**
 * The one JSON codec of StepGym: snake_case names, the string-or-object form of actions, and a
 * canonical form (sorted keys) used for state hashes.
 */
package dev.stepgym.protocol.json;
