package dev.stepgym.scenarios;

import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.scenarios.report.CodeEvalReport;
import dev.stepgym.scenarios.report.HeadlessChromium;
import dev.stepgym.scenarios.run.CodeEvaluation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepgym eval code} on the built-in suite through the protocol, with real pyright and the
 * sandbox: the oracle solves every task, random almost none, and both reports are written.
 */
@Tag("heavy")
class CodeEvalTest {

    @Test
    void oracleSolvesTheSuiteRandomDoesNotAndTheReportIsWritten(@TempDir Path tmp) throws Exception {
        CodeEvalReport report = CodeEvaluation.run(new CodeEvaluation.Settings(List.of("oracle-code", "random"), null,
                tmp.resolve("report"), tmp.resolve("runs"), 2, 0), System.out);
        CodeEvalReport.AgentResult oracle = report.agents().get(0);
        CodeEvalReport.AgentResult random = report.agents().get(1);
        assertTrue(oracle.tasks() >= 30, "the suite has at least 30 tasks: " + oracle.tasks());
        assertEquals(oracle.tasks(), oracle.solved(), () -> "oracle failures: " + oracle.results().stream()
                .filter(t -> !t.solved()).map(t -> t.task() + " " + t.error()).toList() + "\n" + explain(tmp.resolve("runs"), oracle));
        assertTrue(random.solved() <= 2, "random solved " + random.solved());
        for (CodeEvalReport.TaskResult t : oracle.results()) {
            assertTrue(t.stepRewardSum() > 0, t.task() + ": a solving change earns step reward");
            assertEquals(0, t.diagnostics().get(t.diagnostics().size() - 1), t.task() + ": no pyright error in the targets at the end");
        }
        Map<?, ?> json = Json.mapper().readValue(Files.readString(tmp.resolve("report/report.json")), Map.class);
        assertEquals(2, ((List<?>) json.get("agents")).size());
        String html = Files.readString(tmp.resolve("report/report.html"));
        assertTrue(html.contains("oracle-code") && html.contains("<svg") && html.contains("inventory-price-of-optional"));
        // Every recorded episode (each agent records in a folder of its own) re-scored from its evidence exactly,
        // and re-executed with real pyright: no mismatch.
        for (CodeEvalReport.AgentResult agent : report.agents()) {
            assertEquals(tmp.resolve("runs").resolve(agent.agent()).toString(), agent.records());
            ReplayChecks.reproduces(Path.of(agent.records()), tmp.resolve("rescored").resolve(agent.agent()),
                    Map.of("code-v1", Map.of("tasks_dir", dev.stepgym.envs.code.CodeStore.builtInSuite().toString())));
        }
        String dom = HeadlessChromium.dumpDom(tmp.resolve("report/report.html"), tmp.resolve("chromium"));
        assertTrue(dom.contains("id=\"summary\"") && dom.contains("random"), "the real report opens in headless Chromium");
    }

    /** The recorded steps of the oracle's unsolved episodes: what each action saw, so a failure explains itself. */
    private static String explain(Path records, CodeEvalReport.AgentResult oracle) {
        List<String> unsolved = oracle.results().stream().filter(t -> !t.solved()).map(CodeEvalReport.TaskResult::task).toList();
        StringBuilder out = new StringBuilder();
        for (Trajectory t : TrajectoryReader.readAll(records)) {
            boolean oracleEpisode = t.steps().stream().anyMatch(step -> "apply_patch".equals(step.action().tool()));
            if (!unsolved.contains(t.header().task()) || !oracleEpisode) {
                continue;
            }
            out.append("== ").append(t.header().task()).append('\n');
            for (TrajectoryRecord.StepLine step : t.steps()) {
                out.append(step.step()).append(' ').append(step.action().describe(), 0, Math.min(40, step.action().describe().length()))
                        .append(" error=").append(step.observation().lastActionError()).append(" info=").append(step.info())
                        .append('\n').append(step.observation().text()).append('\n');
            }
        }
        return out.toString();
    }
}
