/**
 * Per-episode Git workspaces (JGit only, no {@code git} binary): made from a task repository or
 * folder, reset to the task's base commit between episodes, diffed against it, and edited
 * transactionally: a change of several files is validated whole and written all or nothing.
 */
package dev.stepgym.sandbox.git;
