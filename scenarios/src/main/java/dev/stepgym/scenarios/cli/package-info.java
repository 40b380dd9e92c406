/** The {@code stepgym} command line (picocli): serve, run, eval, envs and bench. */
package dev.stepgym.scenarios.cli;
