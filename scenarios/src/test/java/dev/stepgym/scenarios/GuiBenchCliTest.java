package dev.stepgym.scenarios;

import dev.stepgym.scenarios.cli.StepGymCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepgym bench gui --small}: the whole bench at its smallest sizes, on an embedded server with real
 * Chromium. Checks that every part prints its figures, that the oracle solves its episodes, that the
 * contexts are back to 0 after the episodes in a row and that no Chromium process outlives the server.
 * Timings are not asserted (a loaded machine is slow).
 */
@Tag("heavy")
@Tag("browser")
@Timeout(300)
class GuiBenchCliTest {
    private static final Pattern ORACLE_ROW = Pattern.compile("^\\| (\\d+) \\| (\\d+) \\| (\\d+) \\| \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|$",
            Pattern.MULTILINE);

    @Test
    void smallRunPrintsEveryFigureAndLeavesNoChromium() {
        CliOutput run = CliOutput.bothStreams(() -> StepGymCli.execute("bench", "gui", "--small"));
        String out = run.text();
        assertEquals(0, run.exit(), out);
        assertTrue(out.contains("| reset, warm pool"), out);
        assertTrue(out.contains("| raw cold start: launch Chromium"), out);
        assertTrue(out.contains("| gui-v1 step type(ref, text) through HTTP"), out);
        assertTrue(out.contains("| raw twin: the same Playwright calls"), out);
        assertTrue(out.contains("| navigate: in a session of the server's pool"), out);
        assertTrue(Pattern.compile("step: gui-v1 p50 [0-9.]+ ms vs raw twin p50 [0-9.]+ ms: overhead [+-][0-9]+%").matcher(out).find(), out);
        assertTrue(out.contains("raw twin = the Playwright calls of one gui-v1 type step"), "the raw side is defined in the output");

        Matcher m = ORACLE_ROW.matcher(out);
        int rows = 0;
        while (m.find()) {
            rows++;
            assertEquals(m.group(2), m.group(3), "the oracle solves every episode at " + m.group(1) + " at once");
        }
        assertEquals(2, rows, out);

        assertTrue(out.contains("| per open episode |"), out);
        assertTrue(out.contains("over 8 episodes"), out);
        assertTrue(out.contains("contexts open at the end 0"), out);
        assertTrue(Pattern.compile("Chromium processes alive after the server closed: 0 \\(of [1-9][0-9]* seen").matcher(out).find(), out);
    }

    @Test
    void badSizesAreAClearError() {
        CliOutput run = CliOutput.bothStreams(() -> StepGymCli.execute("bench", "gui", "--concurrency", "0"));
        assertEquals(2, run.exit(), run.text());
        assertTrue(run.text().contains("concurrencies must be 1..32"), run.text());
        CliOutput steps = CliOutput.bothStreams(() -> StepGymCli.execute("bench", "gui", "--steps", "0"));
        assertEquals(2, steps.exit(), steps.text());
        assertTrue(steps.text().contains("steps must be at least 1"), steps.text());
    }
}
