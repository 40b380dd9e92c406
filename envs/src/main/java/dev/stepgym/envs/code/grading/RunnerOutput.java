package dev.stepgym.envs.code.grading;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test counts read from what a runner prints, for runs without a JUnit XML report.
 *
 * <ul>
 *   <li>pytest's summary line, decorated or not ({@code -q}): {@code ===== 3 passed, 1 failed, 2 errors in 0.12s =====},
 *       {@code 1 failed, 2 passed, 1 skipped in 61.20s (0:01:01)}, {@code no tests ran in 0.01s};</li>
 *   <li>unittest's {@code Ran 5 tests in 0.003s}, then {@code OK} or {@code FAILED (failures=1, errors=2)};</li>
 *   <li>per-test lines: pytest's {@code -rA} summary ({@code PASSED tests/t.py::test_a},
 *       {@code FAILED tests/t.py::test_b - assert ...}) and {@code -v} lines ({@code tests/t.py::test_a PASSED [ 50%]}),
 *       unittest's {@code -v} lines ({@code test_a (tests.t.T) ... ok}).</li>
 * </ul>
 * The last summary printed wins (a command may run several suites; the last is the one that ended it).
 * Timings may already be normalised to {@code <t>}.
 *
 * <pre>{@code
 * Optional<TestCounts> c = RunnerOutput.counts(output);   // pytest's summary, else unittest's
 * Map<String, Boolean> cases = RunnerOutput.cases(output); // per-test results, keyed by TestIds.key
 * }</pre>
 */
public final class RunnerOutput {
    private static final String TIME = "in (?:\\d+(?:\\.\\d+)?|<t>)s(?: \\(\\d+:\\d\\d:\\d\\d(?:\\.\\d+)?\\))?";
    private static final Pattern PYTEST_SUMMARY = Pattern.compile(
            "(?m)^=*[ \\t]*((?:\\d+ [a-z]+(?:, )?)+|no tests ran) " + TIME + "[ \\t]*=*[ \\t\\r]*$");
    private static final Pattern PYTEST_ITEM = Pattern.compile("(\\d+) ([a-z]+)");
    private static final Pattern UNITTEST_RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in");
    private static final Pattern UNITTEST_FAILED = Pattern.compile("(?m)^FAILED \\(([^)]*)\\)");
    private static final Pattern UNITTEST_ITEM = Pattern.compile("(failures|errors|unexpected successes)=(\\d+)");
    private static final Pattern UNITTEST_SKIPPED = Pattern.compile("(?m)^(?:OK|FAILED) \\(.*?skipped=(\\d+)");
    private static final Pattern PYTEST_RA = Pattern.compile("(?m)^(PASSED|FAILED|ERROR|XPASS) (\\S+::\\S+|\\S+\\.py)(?: - .*)?$");
    private static final Pattern PYTEST_VERBOSE = Pattern.compile("(?m)^(\\S+::\\S+) (PASSED|FAILED|ERROR|XPASS)(?: \\(.*\\))?\\s*(?:\\[\\s*\\d+%\\])?\\s*$");
    private static final Pattern UNITTEST_VERBOSE = Pattern.compile(
            "(?m)^(\\S+ \\([^()\\s]+\\))(?:\\n[^\\n]*)? \\.\\.\\. (ok|FAIL|ERROR|unexpected success)[ \\t\\r]*$");

    private RunnerOutput() {
    }

    /** pytest's summary if it printed one, else unittest's. */
    public static Optional<TestCounts> counts(String output) {
        Optional<TestCounts> pytest = pytestSummary(output);
        return pytest.isPresent() ? pytest : unittestSummary(output);
    }

    /**
     * pytest's last summary line. {@code passed} and {@code xpassed} count as passed, {@code failed}
     * and {@code error(s)} as failed; skipped, xfailed, deselected and warnings are left out.
     */
    public static Optional<TestCounts> pytestSummary(String output) {
        Matcher m = PYTEST_SUMMARY.matcher(output);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            return Optional.empty();
        }
        int passed = 0;
        int failed = 0;
        Matcher item = PYTEST_ITEM.matcher(last);
        while (item.find()) {
            int n = Integer.parseInt(item.group(1).length() > 9 ? "999999999" : item.group(1));
            switch (item.group(2).toLowerCase(Locale.ROOT)) {
                case "passed", "xpassed" -> passed += n;
                case "failed", "error", "errors" -> failed += n;
                default -> { } // skipped, xfailed, deselected, warnings, rerun: not run to a verdict
            }
        }
        return Optional.of(new TestCounts(passed + failed, failed, TestCounts.Source.PYTEST_SUMMARY, Map.of()));
    }

    /** unittest's last {@code Ran N tests} with its {@code FAILED (...)} line; skipped tests are left out. */
    public static Optional<TestCounts> unittestSummary(String output) {
        Matcher ran = UNITTEST_RAN.matcher(output);
        int count = -1;
        int end = 0;
        while (ran.find()) {
            count = parse(ran.group(1));
            end = ran.end();
        }
        if (count < 0) {
            return Optional.empty();
        }
        String after = output.substring(end);
        int failed = 0;
        Matcher f = UNITTEST_FAILED.matcher(after);
        if (f.find()) {
            Matcher c = UNITTEST_ITEM.matcher(f.group(1));
            while (c.find()) {
                failed += parse(c.group(2));
            }
        }
        int skipped = 0;
        Matcher s = UNITTEST_SKIPPED.matcher(after);
        if (s.find()) {
            skipped = parse(s.group(1));
        }
        int ran2 = Math.max(0, count - skipped);
        return Optional.of(new TestCounts(ran2, Math.min(failed, ran2), TestCounts.Source.UNITTEST_SUMMARY, Map.of()));
    }

    /** Per-test results from pytest's -rA / -v lines and unittest's -v lines; a test seen failing stays failed. */
    public static Map<String, Boolean> cases(String output) {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        Matcher ra = PYTEST_RA.matcher(output);
        while (ra.find()) {
            record(cases, ra.group(2), ra.group(1).equals("PASSED") || ra.group(1).equals("XPASS"));
        }
        Matcher verbose = PYTEST_VERBOSE.matcher(output);
        while (verbose.find()) {
            record(cases, verbose.group(1), verbose.group(2).equals("PASSED") || verbose.group(2).equals("XPASS"));
        }
        Matcher unittest = UNITTEST_VERBOSE.matcher(output);
        while (unittest.find()) {
            record(cases, unittest.group(1), unittest.group(2).equals("ok"));
        }
        return cases;
    }

    private static void record(Map<String, Boolean> cases, String id, boolean passed) {
        cases.merge(TestIds.key(id), passed, Boolean::logicalAnd);
    }

    private static int parse(String digits) {
        return digits.length() > 9 ? 999_999_999 : Integer.parseInt(digits);
    }
}
