package dev.stepgym.scenarios;

import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepgym replay verify} on gui-v1 runs, through the CLI: scenario runs on an embedded server (as
 * {@code stepgym run} does) record oracle-gui and random episodes, then replay verify re-executes them in real
 * Chromium with no server running (the verifier serves the pages itself) and every observation, state
 * hash and reward matches; an altered observation is caught.
 */
@Tag("heavy")
@Tag("browser")
@Timeout(300)
class GuiReplayBrowserTest {
    @TempDir
    static Path tmp;

    @Test
    void recordedGuiRunsReExecuteExactlyAndAChangeIsCaught() throws Exception {
        Path runs = tmp.resolve("runs");
        Path oracle = scenario("gui-replay-oracle", "oracle-gui", 3);
        Path random = scenario("gui-replay-random", "random", 2);
        long t0 = System.nanoTime();
        Scenario oracleRun = ScenarioLoader.load(oracle.toString());
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracleRun, runs), ScenarioConfig.registry(oracleRun))) {
            // The first reset starts the browser pool: past the scenario client's 30 s on a loaded machine.
            try (StepGymClient client = StepGymClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(120)).build()) {
                client.closeAsync(client.resetAsync(new ResetParams("gui-v1", "click-button:0", 0L, Map.of())).join().episodeId()).join();
            }
            for (Path scenario : List.of(oracle, random)) {
                for (EpisodeReport r : ScenarioRunner.run(ScenarioLoader.load(scenario.toString()), server, StepListener.NONE)) {
                    assertTrue(r.ok(), r.spec() + ": " + r.error());
                }
            }
        }
        long recordedMs = (System.nanoTime() - t0) / 1_000_000;
        List<Trajectory> recorded = TrajectoryReader.readAll(runs);
        assertEquals(6, recorded.size(), "the warm-up episode, 3 oracle and 2 random episodes");
        int steps = recorded.stream().mapToInt(t -> t.steps().size()).sum();

        long t1 = System.nanoTime();
        String out = verify(runs, 0);
        long verifiedMs = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(out.contains("verified 6 files, " + steps + " steps: 0 mismatches"), out);
        System.out.printf("gui-v1 replay: %d episodes, %d steps recorded in %d ms, verified in %d ms%n",
                recorded.size(), steps, recordedMs, verifiedMs);

        Trajectory sample = recorded.stream().filter(t -> !t.steps().isEmpty()).findFirst().orElseThrow();
        Path altered = tmp.resolve("altered");
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(sample.header());
        for (TrajectoryRecord.StepLine s : sample.steps()) {
            records.add(s.step() == 1 ? changedObservation(s) : s);
        }
        if (sample.end() != null) {
            records.add(sample.end());
        }
        RescoreRun.write(altered.resolve(sample.header().env()).resolve(sample.episodeId() + ".jsonl"), records);
        String caught = verify(altered, 1);
        assertTrue(caught.contains(sample.episodeId() + ".jsonl step 1 observation"), caught);
    }

    private static TrajectoryRecord.StepLine changedObservation(TrajectoryRecord.StepLine s) {
        String json = Json.write(s);
        String changed = json.replaceFirst("URL: ", "URL:  ");
        assertTrue(!changed.equals(json), "the recorded observation names the URL");
        return Json.read(changed, TrajectoryRecord.StepLine.class);
    }

    /** Runs {@code stepgym replay verify DIR}, asserts its exit code, returns what it printed. */
    private static String verify(Path dir, int exitCode) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = StepGymCli.execute("replay", "verify", dir.toString());
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(exitCode, code, out);
        return out;
    }

    /** A scenario file: gui-v1 train tasks for one agent (the oracle reads the privileged reference). */
    private static Path scenario(String name, String agent, int episodes) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("description", "gui-v1 episodes recorded for replay verify");
        s.put("env", "gui-v1");
        s.put("split", "train");
        s.put("seeds", Map.of("start", 0, "count", episodes));
        s.put("agent", agent);
        s.put("options", Map.of("privileged", true));
        s.put("allow_privileged", true);
        s.put("max_steps", 6);
        s.put("concurrency", 2);
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, Json.write(s));
        return file;
    }
}
