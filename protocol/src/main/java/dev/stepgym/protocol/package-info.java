/**
 * Wire records of StepGym's episode protocol v1 (DESIGN.md §2): what a trainer sends and gets back.
 * Every record serialises to snake_case JSON through {@link dev.stepgym.protocol.json.Json}.
 */
package dev.stepgym.protocol;
