package dev.stepgym.envs.code;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a unittest run says about itself: tests run, failures, errors. Read from the summary
 * unittest prints ({@code Ran 5 tests}, then {@code OK} or {@code FAILED (failures=1, errors=2)}).
 * A run that never got to the summary (an import error, a timeout) counts as nothing passed.
 *
 * @param ran      tests run, or 0 when the summary is missing
 * @param failed   failures + errors
 * @param exitCode the command's exit code
 * @param timedOut the sandbox killed the run at its time limit
 */
record TestReport(int ran, int failed, int exitCode, boolean timedOut) {
    private static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in");
    private static final Pattern FAILED = Pattern.compile("(?m)^FAILED \\(([^)]*)\\)");
    private static final Pattern COUNT = Pattern.compile("(failures|errors)=(\\d+)");

    static TestReport parse(String output, int exitCode, boolean timedOut) {
        Matcher ran = RAN.matcher(output);
        int count = 0;
        while (ran.find()) {
            count = Integer.parseInt(ran.group(1)); // the last summary wins
        }
        int failed = 0;
        Matcher f = FAILED.matcher(output);
        String last = null;
        while (f.find()) {
            last = f.group(1);
        }
        if (last != null) {
            Matcher c = COUNT.matcher(last);
            while (c.find()) {
                failed += Integer.parseInt(c.group(2));
            }
        }
        if (count == 0 && exitCode != 0) {
            failed = 0;
        }
        return new TestReport(count, Math.min(failed, count), exitCode, timedOut);
    }

    int passed() {
        return Math.max(0, ran - failed);
    }

    /** Share of tests that passed, in [0, 1]; 0 when nothing ran. */
    double passRate() {
        return ran == 0 ? 0 : (double) passed() / ran;
    }

    /** The run as step evidence, in a stable order; the pass rate is what test_pass_delta reads. */
    Map<String, Object> evidence() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ran", ran);
        e.put("passed", passed());
        e.put("failed", failed);
        e.put("pass_rate", passRate());
        e.put("timed_out", timedOut);
        e.put("exit_code", exitCode);
        return e;
    }

    boolean allPassed() {
        return !timedOut && exitCode == 0 && ran > 0 && failed == 0;
    }
}
