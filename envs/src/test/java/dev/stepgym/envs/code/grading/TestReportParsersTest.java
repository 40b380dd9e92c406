package dev.stepgym.envs.code.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report readers: JUnit XML, pytest's and unittest's summaries and per-test lines, test ids, SWE-bench grading. */
class TestReportParsersTest {

    private static JUnitXml.Result xml(String text) {
        return JUnitXml.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsPytestsJUnitXml() throws IOException {
        JUnitXml.Result r;
        try (InputStream in = getClass().getResourceAsStream("/code-grading/pytest-junit.xml")) {
            assertNotNull(in);
            r = JUnitXml.parse(in);
        }
        assertNull(r.problem());
        TestCounts c = r.counts();
        // 7 cases: a skip and an xfail are left out; a failure, an error and a failed parameter count as failed.
        assertEquals(5, c.ran());
        assertEquals(3, c.failed());
        assertEquals(TestCounts.Source.JUNIT_XML, c.source());
        assertEquals(Map.of("tests.test_s.test_ok", true, "tests.test_s.test_bad", false, "tests.test_s.test_err", false,
                "tests.test_s.TestK.test_p[1]", true, "tests.test_s.TestK.test_p[2]", false), c.cases());
    }

    @Test
    void aTestListedTwiceCountsOnceAndFailsIfEitherEntryFailed() {
        JUnitXml.Result r = xml("<testsuite><testcase classname='m' name='t'/><testcase classname='m' name='t'><error/></testcase>"
                + "<testcase classname='m' name='u'/></testsuite>");
        assertEquals(2, r.counts().ran());
        assertEquals(1, r.counts().failed());
        assertEquals(false, r.counts().cases().get("m.t"));
    }

    @Test
    void malformedOrHostileXmlIsAProblemNeverAnException(@TempDir Path temp) throws IOException {
        assertTrue(xml("<testsuites><testcase name='a'>").problem().startsWith("the JUnit XML report is malformed"));
        assertTrue(xml("").problem() != null);
        assertTrue(xml("not xml at all").problem().contains("malformed"));
        assertTrue(xml("<html><body/></html>").problem().contains("root is <html>"));
        String xxe = "<?xml version='1.0'?><!DOCTYPE t [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<testsuite><testcase classname='&x;' name='a'/></testsuite>";
        JUnitXml.Result hostile = xml(xxe);
        assertNull(hostile.counts(), "an external entity must not be read");
        assertNotNull(hostile.problem());
        String billionLaughs = "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                + "<testsuite><testcase name='&b;'/></testsuite>";
        assertNotNull(xml(billionLaughs).problem());

        assertEquals("no JUnit XML report was written", JUnitXml.read(temp.resolve("absent.xml")).problem());
        Path big = temp.resolve("big.xml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(JUnitXml.MAX_BYTES + 1);
        }
        assertTrue(JUnitXml.read(big).problem().contains("larger than"), JUnitXml.read(big).problem());
        Path real = temp.resolve("real.xml");
        Files.writeString(real, "<testsuite><testcase name='a'/></testsuite>");
        Path link = temp.resolve("link.xml");
        Files.createSymbolicLink(link, real);
        assertEquals("the JUnit XML report is not a regular file", JUnitXml.read(link).problem());
        assertEquals(1, JUnitXml.read(real).counts().ran());
    }

    @Test
    void readsPytestsSummaryLineInEveryShape() {
        assertCounts(5, 3, RunnerOutput.pytestSummary("...\n========== 2 failed, 2 passed, 1 skipped, 1 xfailed, 1 error in 0.26s ==========\n"));
        assertCounts(3, 0, RunnerOutput.pytestSummary("...\n3 passed in 0.12s\n"));
        assertCounts(4, 1, RunnerOutput.pytestSummary("== 1 failed, 2 passed, 1 xpassed, 3 warnings in 61.20s (0:01:01) ==\n"));
        assertCounts(5, 2, RunnerOutput.pytestSummary("= 3 passed, 2 errors in <t>s =\n"));
        assertCounts(0, 0, RunnerOutput.pytestSummary("=== no tests ran in 0.01s ===\n"));
        assertCounts(1, 0, RunnerOutput.pytestSummary("= 1 failed in 0.1s =\n...\n= 1 passed in 0.1s =\n"), "the last summary wins");
        assertTrue(RunnerOutput.pytestSummary("Ran 3 tests in 0.001s\n\nOK\n").isEmpty());
        assertTrue(RunnerOutput.pytestSummary("ImportError: no module named x\n").isEmpty());
    }

    @Test
    void readsUnittestsSummary() {
        assertCounts(5, 0, RunnerOutput.unittestSummary("....\n----\nRan 5 tests in 0.003s\n\nOK\n"));
        assertCounts(5, 3, RunnerOutput.unittestSummary("Ran 5 tests in 0.003s\n\nFAILED (failures=1, errors=2)\n"));
        assertCounts(4, 1, RunnerOutput.unittestSummary("Ran 5 tests in 0.003s\n\nFAILED (failures=1, skipped=1)\n"));
        assertCounts(1, 0, RunnerOutput.unittestSummary("Ran 2 tests in <t>s\n\nOK (skipped=1)\n"));
        assertTrue(RunnerOutput.unittestSummary("Traceback ...\nSyntaxError\n").isEmpty());
        assertEquals(TestCounts.Source.UNITTEST_SUMMARY, RunnerOutput.counts("Ran 1 test in 0.1s\n\nOK\n").orElseThrow().source());
    }

    @Test
    void readsPerTestLinesOfPytestAndUnittest() {
        String pytest = String.join("\n",
                "tests/test_a.py::test_one PASSED                                  [ 33%]",
                "tests/test_a.py::TestK::test_p[1] FAILED                          [ 66%]",
                "=== short test summary info ===",
                "PASSED tests/test_a.py::test_two",
                "FAILED tests/test_a.py::TestK::test_p[1] - assert 2 == 1",
                "ERROR tests/test_b.py::test_setup - RuntimeError: x",
                "SKIPPED [1] tests/test_a.py:7: unconditional skip", "");
        assertEquals(Map.of("tests.test_a.test_one", true, "tests.test_a.TestK.test_p[1]", false, "tests.test_a.test_two", true,
                "tests.test_b.test_setup", false), RunnerOutput.cases(pytest));
        String unittest = String.join("\n",
                "test_add (tests.test_calc.CalcTest) ... ok",
                "test_sub (tests.test_calc.CalcTest.test_sub) ... FAIL",
                "test_doc (tests.test_calc.CalcTest)",
                "Adds with a docstring. ... ERROR",
                "test_skip (tests.test_calc.CalcTest) ... skipped 'later'", "");
        assertEquals(Map.of("tests.test_calc.CalcTest.test_add", true, "tests.test_calc.CalcTest.test_sub", false,
                "tests.test_calc.CalcTest.test_doc", false), RunnerOutput.cases(unittest));
    }

    @Test
    void testIdsOfEveryFormMeetInOneKey() {
        assertEquals("tests.test_a.TestX.test_y[1-a/b]", TestIds.key("tests/test_a.py::TestX::test_y[1-a/b]"));
        assertEquals("tests.test_a.TestX.test_y[1-a/b]", TestIds.key("tests.test_a.TestX", "test_y[1-a/b]"));
        assertEquals("tests.test_a.TestX.test_y", TestIds.key("test_y (tests.test_a.TestX)"));
        assertEquals("tests.test_a.TestX.test_y", TestIds.key("test_y (tests.test_a.TestX.test_y)"));
        assertEquals("tests.test_a", TestIds.key("tests/test_a.py"));
        Map<String, Boolean> cases = Map.of("tests.test_a.test_y", true, "tests.test_b.test_z", false, "tests.test_c.test_z", true);
        assertEquals(Optional.of(true), TestIds.lookup(cases, "tests/test_a.py::test_y"));
        assertEquals(Optional.of(true), TestIds.lookup(cases, "test_y"), "a bare name found once");
        assertEquals(Optional.empty(), TestIds.lookup(cases, "test_z"), "a bare name found twice is ambiguous");
        assertEquals(Optional.empty(), TestIds.lookup(cases, "tests/test_a.py::test_missing"));
    }

    @Test
    void sweBenchResolvesOnlyWhenEveryListedTestPasses() {
        SweBenchGrading g = new SweBenchGrading(List.of("tests/t.py::test_new"), List.of("tests/t.py::test_old", "tests/t.py::test_other"));
        SweBenchGrading.Verdict all = g.grade(Map.of("tests.t.test_new", true, "tests.t.test_old", true, "tests.t.test_other", true));
        assertTrue(all.resolved());
        assertEquals(1.0, all.passRate());
        SweBenchGrading.Verdict broke = g.grade(Map.of("tests.t.test_new", true, "tests.t.test_old", false));
        assertFalse(broke.resolved());
        assertEquals(1, broke.failToPassPassed());
        assertEquals(0, broke.passToPassPassed());
        assertEquals(List.of("tests/t.py::test_old"), broke.failing());
        assertEquals(List.of("tests/t.py::test_other"), broke.missing(), "an unreported test counts as failed");
        assertEquals(1.0 / 3, broke.passRate(), 1e-12);
    }

    private static void assertCounts(int ran, int failed, Optional<TestCounts> counts) {
        assertCounts(ran, failed, counts, "");
    }

    private static void assertCounts(int ran, int failed, Optional<TestCounts> counts, String message) {
        assertTrue(counts.isPresent(), "no counts " + message);
        assertEquals(ran, counts.get().ran(), "ran " + message);
        assertEquals(failed, counts.get().failed(), "failed " + message);
    }
}
