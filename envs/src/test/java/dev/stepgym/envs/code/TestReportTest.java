package dev.stepgym.envs.code;

import dev.stepgym.envs.code.grading.JUnitXml;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which source counts a run, the exit-status fallback, the evidence keys and the normalised output. */
class TestReportTest {
    private static final String PYTEST_OUT = "..F\n=========== 1 failed, 2 passed in 0.12s ===========\n";

    private static JUnitXml.Result xml(String text) {
        return JUnitXml.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theJUnitReportWinsOverTheSummaryLine() {
        TestReport r = TestReport.of(PYTEST_OUT, 1, false, xml("<testsuite><testcase name='a'/><testcase name='b'><failure/></testcase>"
                + "<testcase name='c'/><testcase name='d'/></testsuite>"));
        assertEquals(4, r.ran());
        assertEquals(3, r.passed());
        assertEquals("junit_xml", r.evidence().get("counted_by"));
        assertEquals("3/4 passed (exit 1; counted from JUnit XML)", r.summary());
    }

    @Test
    void aBrokenReportFallsBackToTheSummaryLineAndSaysWhy() {
        TestReport r = TestReport.of(PYTEST_OUT, 1, false, xml("<testsuite><testcase"));
        assertEquals(3, r.ran());
        assertEquals(2, r.passed());
        assertTrue(r.summary().startsWith("2/3 passed (exit 1; counted from pytest summary; the JUnit XML report is malformed"), r.summary());
        TestReport missing = TestReport.of("Ran 2 tests in 0.001s\n\nOK\n", 0, false, JUnitXml.read(Path.of("/nonexistent/junit.xml")));
        assertEquals("2/2 passed (exit 0; counted from unittest summary)", missing.summary(), "a missing report is normal for unittest");
    }

    @Test
    void withoutAnyCountTheExitStatusJudges() {
        TestReport passed = TestReport.parse("all good\n", 0, false);
        assertFalse(passed.counted());
        assertEquals(1.0, passed.passRate());
        assertTrue(passed.allPassed());
        assertEquals("passed by exit status (exit 0; tests not counted)", passed.summary());
        TestReport failed = TestReport.parse("Traceback...\nImportError\n", 1, false);
        assertEquals(0.0, failed.passRate());
        assertFalse(failed.allPassed());
        TestReport timedOut = TestReport.parse("", 0, true);
        assertEquals(0.0, timedOut.passRate(), "a run killed at its limit never passes");
        assertEquals(List.of("ran", "passed", "failed", "pass_rate", "timed_out", "exit_code", "counted_by"),
                List.copyOf(passed.evidence().keySet()), "the evidence keys keep their order; counted_by is added last");
        assertEquals("exit_status", passed.evidence().get("counted_by"));
    }

    @Test
    void countedRunsNeedTestsAndCleanExit() {
        assertFalse(TestReport.parse("no tests ran in 0.01s\n", 5, false).allPassed());
        assertFalse(TestReport.parse("3 passed in 0.1s\n", 1, false).allPassed(), "exit status 1 with a passing summary is not passed");
        assertTrue(TestReport.parse("3 passed in 0.1s\n", 0, false).allPassed());
        assertEquals(0.0, TestReport.parse("Ran 3 tests in 0.1s\n\nFAILED (errors=3)\n", 1, false).passRate());
    }

    @Test
    void pytestTimingsAndTheReportFolderAreNormalisedAway() {
        Path root = Path.of("/tmp/ws-1");
        String out = "---- generated xml file: /workspace/.stepgym-junit-0123456789abcdef0123456789abcdef/junit.xml ----\n"
                + "==== 2 passed in 0.12s ====\n==== 1 passed in 61.20s (0:01:01) ====\nRan 2 tests in 0.003s\n/tmp/ws-1/pkg/a.py:3\n";
        assertEquals("---- generated xml file: .stepgym-junit-<id>/junit.xml ----\n==== 2 passed in <t>s ====\n"
                + "==== 1 passed in <t>s ====\nRan 2 tests in <t>s\npkg/a.py:3\n", TestRun.normalise(out, root));
    }
}
