/**
 * Scenario files: which environment, which task split and seeds, which agent, which reward weights
 * and limits. A scenario is JSON; the bundled ones live under {@code /scenarios/} on the class path.
 */
package dev.stepgym.scenarios.scenario;
