/**
 * How {@code code-v1} counts tests, whatever the runner: a JUnit XML report
 * ({@link dev.stepgym.envs.code.grading.JUnitXml}, written by pytest's {@code --junitxml} into a
 * private folder that {@link dev.stepgym.envs.code.grading.JUnitReportSlot} sets up for each run),
 * else the runner's summary line or per-test lines ({@link dev.stepgym.envs.code.grading.RunnerOutput}:
 * pytest's {@code == 3 passed, 1 failed in 0.12s ==} and {@code -rA} lines, unittest's
 * {@code Ran N tests} / {@code FAILED (...)} and {@code -v} lines), else the exit status. Per-test
 * results, keyed as {@link dev.stepgym.envs.code.grading.TestIds} says, grade SWE-bench-style
 * instances ({@link dev.stepgym.envs.code.grading.SweBenchGrading}).
 */
package dev.stepgym.envs.code.grading;
