package dev.stepgym.envs.code.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * SWE-bench's verdict: an instance is resolved when every {@code FAIL_TO_PASS} test (failing
 * before the fix, the tests of the test patch) and every {@code PASS_TO_PASS} test (passing
 * before, must not break) passes after the test patch is applied over the candidate. A listed test
 * that the run did not report counts as failed.
 *
 * <pre>{@code
 * SweBenchGrading g = new SweBenchGrading(List.of("tests/test_a.py::test_new"), List.of("tests/test_a.py::test_old"));
 * SweBenchGrading.Verdict v = g.grade(report.cases());
 * v.resolved();   // both passed
 * }</pre>
 *
 * @param failToPass tests the fix must make pass
 * @param passToPass tests that must keep passing
 */
public record SweBenchGrading(List<String> failToPass, List<String> passToPass) {

    public SweBenchGrading {
        failToPass = List.copyOf(failToPass);
        passToPass = List.copyOf(passToPass);
    }

    /**
     * One graded run.
     *
     * @param failToPassPassed listed FAIL_TO_PASS tests that passed
     * @param passToPassPassed listed PASS_TO_PASS tests that passed
     * @param missing          listed tests the run did not report (counted as failed), at most 20 named
     */
    public record Verdict(int failToPassPassed, int failToPassTotal, int passToPassPassed, int passToPassTotal,
                          List<String> failing, List<String> missing) {
        public boolean resolved() {
            return failToPassPassed == failToPassTotal && passToPassPassed == passToPassTotal;
        }

        public int total() {
            return failToPassTotal + passToPassTotal;
        }

        public int passed() {
            return failToPassPassed + passToPassPassed;
        }

        /** Share of the listed tests that passed; 0 when none is listed. */
        public double passRate() {
            return total() == 0 ? 0 : (double) passed() / total();
        }

        /** For step evidence: the two lists' passed/total. */
        public Map<String, Object> evidence() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fail_to_pass", Map.of("passed", failToPassPassed, "total", failToPassTotal));
            e.put("pass_to_pass", Map.of("passed", passToPassPassed, "total", passToPassTotal));
            e.put("resolved", resolved());
            return e;
        }
    }

    /** Grades per-test results (keyed by {@link TestIds#key}). */
    public Verdict grade(Map<String, Boolean> cases) {
        List<String> failing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int f2p = passed(failToPass, cases, failing, missing);
        int p2p = passed(passToPass, cases, failing, missing);
        return new Verdict(f2p, new LinkedHashSet<>(failToPass).size(), p2p, new LinkedHashSet<>(passToPass).size(),
                failing.stream().limit(20).toList(), missing.stream().limit(20).toList());
    }

    private static int passed(List<String> ids, Map<String, Boolean> cases, List<String> failing, List<String> missing) {
        int passed = 0;
        for (String id : new LinkedHashSet<>(ids)) {
            var result = TestIds.lookup(cases, id);
            if (result.isEmpty()) {
                missing.add(id);
            } else if (result.get()) {
                passed++;
            } else {
                failing.add(id);
            }
        }
        return passed;
    }
}
