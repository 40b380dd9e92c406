package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.replay.RescoreRun;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.replay.Mismatch;
import dev.stepgym.scenarios.run.ScenarioRunner;
import dev.stepgym.scenarios.scenario.Scenario;
import dev.stepgym.scenarios.scenario.ScenarioLoader;
import dev.stepgym.scenarios.server.ScenarioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepgym replay} on recorded shop episodes, through the CLI: a clean run re-scores and
 * re-executes exactly; an altered action, observation character or reward value is caught at its
 * step and field; other weights give the expected new values; imported trajectories re-score.
 */
class ReplayCliTest {
    @TempDir
    static Path tmp;
    static Path runs;
    static Trajectory sample;

    @BeforeAll
    static void record() throws IOException {
        runs = tmp.resolve("runs");
        Scenario oracle = ScenarioLoader.load("shop-oracle").withEpisodes(6);
        try (RunningServer server = RunningServer.start(ScenarioConfig.forScenario(oracle, runs), ScenarioConfig.registry(oracle))) {
            ScenarioRunner.run(oracle, server, StepListener.NONE);
            ScenarioRunner.run(ScenarioLoader.load("shop-random").withEpisodes(6), server, StepListener.NONE);
        }
        sample = TrajectoryReader.readAll(runs).stream().filter(t -> t.steps().size() >= 4).findFirst().orElseThrow();
    }

    private static Path fileOf(Path root, Trajectory t) {
        return root.resolve(t.header().env()).resolve(t.episodeId() + ".jsonl");
    }

    @Test
    void aCleanRunRescoresAndReExecutesExactly() {
        ReplayChecks.reproduces(runs, tmp.resolve("clean-rescore"), Map.of());
        assertEquals(0, StepGymCli.execute("replay", "verify", runs.toString()));
    }

    /** A copy of the sample episode with one line changed. */
    private static Path altered(String name, int step, java.util.function.UnaryOperator<TrajectoryRecord.StepLine> change) {
        Path dir = tmp.resolve(name);
        List<TrajectoryRecord> records = new ArrayList<>();
        records.add(sample.header());
        for (TrajectoryRecord.StepLine s : sample.steps()) {
            records.add(s.step() == step ? change.apply(s) : s);
        }
        if (sample.end() != null) {
            records.add(sample.end());
        }
        RescoreRun.write(fileOf(dir, sample), records);
        return dir;
    }

    private static TrajectoryRecord.StepLine with(TrajectoryRecord.StepLine s, Action action, dev.stepgym.protocol.Observation o,
                                                  List<RewardComponent> rewards) {
        return new TrajectoryRecord.StepLine(s.step(), action, o, rewards, s.reward(), s.terminated(), s.truncated(), s.stateHash(),
                s.info(), s.elapsedMs(), s.evidence());
    }

    @Test
    void anAlteredActionObservationOrRewardIsCaughtAtItsStepAndField() {
        Path action = altered("altered-action", 2, s -> with(s, Action.text("search[a completely different query]"), s.observation(), s.rewards()));
        Path observation = altered("altered-observation", 3, s -> {
            String text = s.observation().text();
            char c = text.charAt(0) == 'x' ? 'y' : 'x';
            dev.stepgym.protocol.Observation o = Json.read(Json.write(s.observation()).replaceFirst(
                    "\"text\":\"" + java.util.regex.Pattern.quote(text.substring(0, 1)).replace("\\Q", "").replace("\\E", ""),
                    "\"text\":\"" + c), dev.stepgym.protocol.Observation.class);
            return with(s, s.action(), o, s.rewards());
        });
        Path reward = altered("altered-reward", 4, s -> {
            List<RewardComponent> r = new ArrayList<>(s.rewards());
            RewardComponent first = r.get(0);
            r.set(0, new RewardComponent(first.name(), first.value() + 0.5, first.weight(), first.source(), first.kind()));
            return with(s, s.action(), s.observation(), r);
        });
        Mismatch a = ReplayChecks.verify(action, Map.of()).get(0);
        assertEquals(2, a.step(), a.toString());
        assertEquals("observation", a.field(), a.toString());
        Mismatch o = ReplayChecks.verify(observation, Map.of()).get(0);
        assertEquals(3, o.step(), o.toString());
        assertEquals("observation", o.field(), o.toString());
        List<Mismatch> rs = ReplayChecks.verify(reward, Map.of());
        assertEquals(4, rs.get(0).step(), rs.toString());
        assertEquals("rewards", rs.get(0).field(), rs.toString());
        assertEquals(1, rs.size(), "only the altered value differs: " + rs);
        assertEquals(1, StepGymCli.execute("replay", "verify", reward.toString()), "a mismatch exits 1");
    }

    @Test
    void otherWeightsGiveTheExpectedNewValues() throws IOException {
        Map<String, Object> reweighted = PipelineConfig.parse(sample.header().rewardPipeline(), "header")
                .withWeights(Map.of("progress", 0.7), "test").toJson();
        Path pipeline = tmp.resolve("reweighted.json");
        Files.writeString(pipeline, Json.write(reweighted));
        Path out = tmp.resolve("reweighted");
        assertEquals(0, StepGymCli.execute("replay", "rescore", "--pipeline", pipeline.toString(), runs.toString(), "--out", out.toString()));
        Trajectory again = TrajectoryReader.read(fileOf(out, sample));
        for (int i = 0; i < sample.steps().size(); i++) {
            TrajectoryRecord.StepLine want = sample.steps().get(i);
            TrajectoryRecord.StepLine got = again.steps().get(i);
            double expected = 0;
            for (RewardComponent c : want.rewards()) {
                expected += c.value() * (c.name().equals("progress") ? 0.7 : c.weight());
            }
            assertEquals(expected, got.reward(), 1e-12, "step " + want.step());
            assertEquals(want.rewards().stream().map(RewardComponent::value).toList(),
                    got.rewards().stream().map(RewardComponent::value).toList(), "the values are the evidence's, unchanged");
        }
        try (Stream<Path> left = Files.walk(out)) {
            assertTrue(left.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void importedTrajectoriesFromAnotherToolRescore() throws IOException {
        Path in = tmp.resolve("other-tool.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"episode_id\":\"chat-1\",\"env\":\"other-v1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"search[x]\"},{\"role\":\"tool\",\"content\":\"found x\"},"
                        + "{\"role\":\"assistant\",\"content\":\"answer[x]\"}]}",
                "{\"episode_id\":\"steps-1\",\"env\":\"other-v1\",\"steps\":[{\"action\":\"bad\",\"evidence\":{\"invalid_action\":true},"
                        + "\"rewards\":{\"mine\":0.25}},{\"action\":{\"tool\":\"answer\",\"arguments\":{\"text\":\"x\"}},\"reward\":1.0}]}",
                ""));
        Path imported = tmp.resolve("imported");
        assertEquals(0, StepGymCli.execute("replay", "import", in.toString(), "--out", imported.toString()));
        Trajectory chat = TrajectoryReader.read(imported.resolve("other-v1/chat-1.jsonl"));
        assertEquals(List.of("search[x]", "answer[x]"), chat.steps().stream().map(s -> s.action().text()).toList());
        assertEquals("found x", chat.steps().get(0).observation().text());
        Trajectory steps = TrajectoryReader.read(imported.resolve("other-v1/steps-1.jsonl"));
        assertEquals(1.25, steps.end().totalReturn(), 1e-12);

        Path pipeline = tmp.resolve("penalty.json");
        Files.writeString(pipeline, "{\"signals\":[{\"name\":\"invalid_action\",\"weight\":1.0}],\"transforms\":[{\"name\":\"returns_to_go\"}]}");
        assertEquals(0, StepGymCli.execute("replay", "rescore", "--pipeline", pipeline.toString(), imported.toString(),
                "--out", tmp.resolve("imported-rescored").toString()));
        Trajectory rescored = TrajectoryReader.read(tmp.resolve("imported-rescored/other-v1/steps-1.jsonl"));
        assertEquals(-1.0, rescored.steps().get(0).reward());
        assertEquals(List.of(-1.0, 0.0), rescored.end().returns(), "returns to go over [-1, 0]");
        assertEquals(2, StepGymCli.execute("replay", "import", tmp.resolve("missing.jsonl").toString(), "--out", imported.toString()));
    }
}
