/**
 * Code tasks for {@code code-v1}: the on-disk task format ({@link dev.stepgym.envs.code.task.CodeTask},
 * read by {@link dev.stepgym.envs.code.task.CodeTaskLoader}), a dependency-free unified-diff reader,
 * applier and writer ({@link dev.stepgym.envs.code.task.UnifiedDiff}) for reference patches, and the
 * deterministic built-in suite of small Python packages ({@link dev.stepgym.envs.code.task.BuiltInSuite}).
 */
package dev.stepgym.envs.code.task;
