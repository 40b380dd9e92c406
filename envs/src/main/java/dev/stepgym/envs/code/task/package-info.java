/**
 * Code tasks for {@code code-v1}: the on-disk task format ({@link dev.stepgym.envs.code.task.CodeTask},
 * read by {@link dev.stepgym.envs.code.task.CodeTaskLoader}), SWE-bench-style instances over a local Git
 * repository ({@link dev.stepgym.envs.code.task.SweBenchInstances}), a dependency-free unified-diff reader,
 * applier (with {@code git apply}'s rules: offsets, no fuzz) and writer ({@link dev.stepgym.envs.code.task.UnifiedDiff})
 * for reference patches and the agent's patches, and the
 * deterministic built-in suite of small Python packages ({@link dev.stepgym.envs.code.task.BuiltInSuite}).
 */
package dev.stepgym.envs.code.task;
