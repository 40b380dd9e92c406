package dev.stepgym.envs.code.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one source says about a test run: tests that ran (skipped ones left out), how many of them
 * failed or errored, and, when the source names tests, each test's result.
 *
 * <pre>{@code
 * TestCounts c = RunnerOutput.pytestSummary("== 3 passed, 1 failed in 0.12s ==").orElseThrow();
 * c.ran();      // 4
 * c.failed();   // 1
 * }</pre>
 *
 * @param ran    tests run, skipped and expected failures left out
 * @param failed failures plus errors, at most {@code ran}
 * @param source where the counts come from
 * @param cases  test id ({@link TestIds#key}) → passed; empty when the source names no test
 */
public record TestCounts(int ran, int failed, Source source, Map<String, Boolean> cases) {

    /** Where counts come from, in the order they are tried; the wire name goes into step evidence. */
    public enum Source {
        JUNIT_XML("junit_xml"),
        PYTEST_SUMMARY("pytest_summary"),
        UNITTEST_SUMMARY("unittest_summary"),
        /** No count could be had: exit status 0 = passed, with the number of tests unknown. */
        EXIT_STATUS("exit_status");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public TestCounts {
        Objects.requireNonNull(source, "source");
        if (ran < 0 || failed < 0) {
            throw new IllegalArgumentException("test counts must not be negative");
        }
        failed = Math.min(failed, ran);
        cases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    }

    /** The same counts with per-test results taken from another source (e.g. pytest's -rA lines). */
    public TestCounts withCases(Map<String, Boolean> more) {
        return new TestCounts(ran, failed, source, more);
    }
}
