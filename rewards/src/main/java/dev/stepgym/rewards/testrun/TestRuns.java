package dev.stepgym.rewards.testrun;

/** What the test-run signals share. */
final class TestRuns {
    /** Test results come from the sandboxed test command. */
    static final String SOURCE = "sandbox:tests";

    private TestRuns() {
    }
}
