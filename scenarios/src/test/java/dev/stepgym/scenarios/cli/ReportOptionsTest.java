package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.run.ProgressBar;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The report and progress flags of {@code run} and {@code eval}, parsed as picocli parses them. */
class ReportOptionsTest {

    private static ReportOptions parse(String... args) {
        return CommandLine.populateCommand(new ReportOptions(), args);
    }

    @Test
    void theReportGoesUnderReportsByDefaultNamedAfterScenarioAndCommand() {
        assertEquals(Path.of("reports", "shop-demo-run.html"), parse().reportPath("shop-demo", "run"));
        assertEquals(Path.of("reports", "my_scenario_v2-eval.html"), parse().reportPath("../my scenario/v2", "eval"),
                "a scenario name never escapes the folder");
        assertEquals(Path.of("out/r.html"), parse("--report", "out/r.html").reportPath("shop-demo", "run"));
    }

    @Test
    void noReportWinsOverAPath() {
        assertNull(parse("--no-report").reportPath("shop-demo", "run"));
        assertNull(parse("--report", "x.html", "--no-report").reportPath("shop-demo", "run"));
    }

    @Test
    void theBarFollowsTheTerminalUnlessForcedEitherWay() {
        assertEquals(ProgressBar.Mode.AUTO, parse().progressMode());
        assertEquals(ProgressBar.Mode.ON, parse("--progress").progressMode());
        assertEquals(ProgressBar.Mode.OFF, parse("--no-progress").progressMode());
    }
}
