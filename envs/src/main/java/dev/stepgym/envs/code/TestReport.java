package dev.stepgym.envs.code;

import dev.stepgym.envs.code.grading.JUnitXml;
import dev.stepgym.envs.code.grading.RunnerOutput;
import dev.stepgym.envs.code.grading.TestCounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a test run says about itself, whatever the runner: counted from the JUnit XML report the
 * run wrote (pytest, through {@code PYTEST_ADDOPTS}), else from pytest's or unittest's summary
 * line, else judged by the exit status alone (0 = passed, the number of tests unknown). A run
 * that never got to a report (an import error, a timeout) and exited non-zero counts as failed.
 *
 * @param counts   the counts and where they come from ({@link TestCounts.Source#EXIT_STATUS}: ran is 0, unknown)
 * @param exitCode the command's exit code
 * @param timedOut the sandbox killed the run at its time limit
 * @param note     why a better source was not used (e.g. a malformed JUnit XML report), or null
 */
record TestReport(TestCounts counts, int exitCode, boolean timedOut, String note) {

    /** Reads a run from its output (raw or normalised) and its JUnit XML report, if any. */
    static TestReport of(String output, int exitCode, boolean timedOut, JUnitXml.Result xml) {
        Map<String, Boolean> printed = RunnerOutput.cases(output);
        String note = null;
        TestCounts counts;
        if (xml != null && xml.counts() != null) {
            counts = xml.counts();
            if (counts.cases().isEmpty() && !printed.isEmpty()) {
                counts = counts.withCases(printed);
            }
        } else {
            Optional<TestCounts> summary = RunnerOutput.counts(output);
            counts = summary.orElseGet(() -> new TestCounts(0, 0, TestCounts.Source.EXIT_STATUS, Map.of()))
                    .withCases(printed);
            // A report that was written but cannot be used is worth saying; a missing one is normal (unittest).
            if (xml != null && xml.problem() != null && !xml.problem().startsWith("no JUnit XML")) {
                note = xml.problem();
            }
        }
        return new TestReport(counts, exitCode, timedOut, note);
    }

    /** A run read from its output alone (unittest's summary, pytest's, or the exit status). */
    static TestReport parse(String output, int exitCode, boolean timedOut) {
        return of(output, exitCode, timedOut, null);
    }

    /** Whether the tests were counted; false when only the exit status judged the run. */
    boolean counted() {
        return counts.source() != TestCounts.Source.EXIT_STATUS;
    }

    int ran() {
        return counts.ran();
    }

    int failed() {
        return counts.failed();
    }

    int passed() {
        return Math.max(0, ran() - failed());
    }

    Map<String, Boolean> cases() {
        return counts.cases();
    }

    /** Share of tests that passed, in [0, 1]; 0 when nothing ran; 1 or 0 by the exit status when uncounted. */
    double passRate() {
        if (!counted()) {
            return exitedCleanly() ? 1.0 : 0.0;
        }
        return ran() == 0 ? 0 : (double) passed() / ran();
    }

    /**
     * The run as step evidence, in a stable order; the pass rate is what test_pass_delta reads.
     * {@code counted_by} says where the counts come from ({@code exit_status}: ran, passed and
     * failed are 0 because the number of tests is unknown).
     */
    Map<String, Object> evidence() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ran", ran());
        e.put("passed", passed());
        e.put("failed", failed());
        e.put("pass_rate", passRate());
        e.put("timed_out", timedOut);
        e.put("exit_code", exitCode);
        e.put("counted_by", counts.source().wire());
        return e;
    }

    boolean allPassed() {
        return exitedCleanly() && (!counted() || ran() > 0 && failed() == 0);
    }

    private boolean exitedCleanly() {
        return !timedOut && exitCode == 0;
    }

    /** One line for an observation, e.g. {@code 3/3 passed (exit 0)} or {@code passed by exit status (exit 0; tests not counted)}. */
    String summary() {
        String head = timedOut ? "timed out; " : "";
        if (!counted()) {
            return head + (exitedCleanly() ? "passed" : "failed") + " by exit status (exit " + exitCode + "; tests not counted)"
                    + (note == null ? "" : "; " + note);
        }
        String source = switch (counts.source()) {
            case JUNIT_XML -> "JUnit XML";
            case PYTEST_SUMMARY -> "pytest summary";
            case UNITTEST_SUMMARY -> "unittest summary";
            case EXIT_STATUS -> "exit status";
        };
        return head + passed() + "/" + ran() + " passed (exit " + exitCode + "; counted from " + source
                + (note == null ? "" : "; " + note) + ")";
    }
}
