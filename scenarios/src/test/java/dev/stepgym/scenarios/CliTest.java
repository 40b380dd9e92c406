package dev.stepgym.scenarios;

import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: output, exit codes, written trajectories, clear errors. */
class CliTest {

    private static String capture(Supplier<Integer> command, int expectedExit) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedExit, command.get());
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @Test
    void runPrintsEveryStepsRewardBreakdownAndRecordsTrajectories(@TempDir Path records) throws Exception {
        String out = capture(() -> StepGymCli.execute("run", "--scenario", "shop-demo", "--episodes", "2",
                "--record-dir", records.toString()), 0);
        assertTrue(out.contains("progress="), out);
        assertTrue(out.contains("attribute_match="), "the purchase's outcome parts are shown: " + out);
        assertTrue(out.contains("[terminated]"), out);
        try (var files = Files.walk(records)) {
            long episodes = files.filter(p -> p.toString().endsWith(".jsonl")).count();
            assertEquals(2, episodes, "one trajectory file per episode");
        }
        assertEquals(2, TrajectoryReader.readAll(records).size());
    }

    @Test
    void evalComparesAgentsOnOneServer(@TempDir Path records) {
        String out = capture(() -> StepGymCli.execute("eval", "--scenario", "shop-oracle", "--episodes", "10",
                "--record-dir", records.toString()), 0);
        assertTrue(out.contains("oracle-shop") && out.contains("random"), out);
    }

    @Test
    void envsListsTheShop() {
        String out = capture(() -> StepGymCli.execute("envs"), 0);
        assertTrue(out.contains("shop-v1"), out);
    }

    @Test
    void aBadScenarioIsOneClearErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"name\":\"x\",\"env\":\"shop-v1\",\"sedes\":{}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioLoader.load(bad.toString()));
        assertTrue(e.getMessage().contains("unknown key \"sedes\""), e.getMessage());
        Files.writeString(bad, "{\"name\":\"x\",");
        assertThrows(IllegalArgumentException.class, () -> ScenarioLoader.load(bad.toString()));
        assertThrows(IllegalArgumentException.class, () -> ScenarioLoader.load("no-such-scenario"));
        assertEquals(2, StepGymCli.execute("run", "--scenario", bad.toString()));
        assertEquals(2, StepGymCli.execute("run", "--scenario", "shop-demo", "--agent", "nobody", "--record-dir", dir.toString()));
    }
}
