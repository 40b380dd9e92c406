package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.scenarios.cli.StepGymCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepgym rewards train-progress} on code-v1 episodes: built-in tasks played by the oracle and
 * the random agent through {@code stepgym run}, with real pyright (one episode at a time: each reset
 * starts a language server).
 */
@Tag("heavy")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ProgressCodeEnvTest {

    @Test
    void trainsOnCodeEpisodesOfBuiltInTasks(@TempDir Path tmp) throws IOException {
        Path runs = tmp.resolve("runs");
        String scenario = """
                {"name": "spa-code-%s", "env": "code-v1",
                 "tasks": ["bank-unused-imports", "dates-rename-parse-iso", "bank-withdraw-exact-balance", "bank-transfer-optional"],
                 "seeds": {"start": 0, "count": 4}, "agent": "%s", "options": {"privileged": true}, "allow_privileged": true,
                 "max_steps": %d, "concurrency": 1}
                """;
        record(tmp, runs, "oracle", scenario.formatted("oracle", "oracle-code", 12), "oracle-code");
        record(tmp, runs, "random", scenario.formatted("random", "random", 3), "random");
        ProgressOtherEnvsTest.trainAndCheck(runs, tmp.resolve("models/progress-code"));
    }

    /**
     * Records one agent's episodes. On a loaded machine a code-v1 reset (a language server starting)
     * can pass the client's 30 s bound; run reports that episode as failed (exit code 1) and records
     * the others. What is checked here is training on what was recorded, so one such episode is
     * tolerated while each agent still has at least two recorded episodes.
     */
    private static void record(Path tmp, Path runs, String source, String scenarioJson, String agent) throws IOException {
        Path file = tmp.resolve(source + ".json");
        Files.writeString(file, scenarioJson);
        CliOutput run = CliOutput.bothStreams(() -> StepGymCli.execute("run", "--scenario", file.toString(), "--agent", agent,
                "--quiet", "--no-progress", "--no-report", "--record-dir", runs.resolve(source).toString()));
        assertTrue(run.exit() == 0 || run.exit() == 1, run.text());
        try (Stream<Path> files = Files.walk(runs.resolve(source))) {
            long recorded = files.filter(p -> p.toString().endsWith(".jsonl")).count();
            assertTrue(recorded >= 2, "at least two " + agent + " episodes recorded: " + recorded + "\n" + run.text());
        }
    }
}
