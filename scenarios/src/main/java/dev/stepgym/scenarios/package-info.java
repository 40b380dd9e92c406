/**
 * The composition root: scenario definitions, the {@code stepgym} command line (serve, run, eval,
 * bench), and the benchmarks. Everything else in StepGym is assembled here.
 */
package dev.stepgym.scenarios;
