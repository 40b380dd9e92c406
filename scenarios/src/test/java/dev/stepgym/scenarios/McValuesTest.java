package dev.stepgym.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.agents.mc.McOptions;
import dev.stepgym.agents.mc.MonteCarloValues;
import dev.stepgym.agents.mc.StepValue;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.cli.StepGymCli;
import dev.stepgym.scenarios.server.Environments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monte Carlo step values through fork ({@code stepgym rewards mc-values} and {@link MonteCarloValues})
 * on shop-v1 with a small catalog: two oracle episodes are recorded once, then valued.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class McValuesTest {
    private static final String SHOP = "shop-v1";
    private static final String PRODUCTS = "300";

    @TempDir
    static Path records;

    @BeforeAll
    static void recordOracleEpisodes() {
        ServerConfig config = smallShop().withRecordDir(records);
        try (RunningServer server = RunningServer.start(config, Environments.registry(config, Map.of()));
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl())) {
            List<EpisodeSpec> specs = List.of(new EpisodeSpec(SHOP, null, 0L, Map.of("split", "test")),
                    new EpisodeSpec(SHOP, null, 1L, Map.of("split", "test")));
            List<EpisodeReport> reports = new RolloutRunner(socket, RolloutOptions.concurrency(2)).run(specs, Agents.create("oracle-shop", 0));
            for (EpisodeReport report : reports) {
                assertTrue(report.ok() && report.score().orElse(0) >= 0.9, "the oracle solves the recorded task: " + report);
            }
        }
    }

    private static ServerConfig smallShop() {
        return ServerConfig.defaults().withPort(0).withRecordDir(null).withAllowPrivileged(true)
                .withEnvSettings(SHOP, Map.of("products", PRODUCTS));
    }

    private static List<Trajectory> recorded() {
        List<Trajectory> all = TrajectoryReader.readAll(records);
        assertEquals(2, all.size());
        return all.stream().sorted(java.util.Comparator.comparing(t -> t.header().seed())).toList();
    }

    @Test
    void randomRolloutsCreditTheOraclesPurchaseAndTheCliWritesOneRowPerStep(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mc.jsonl");
        String printed = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", records.toString(),
                "--episodes", "1", "--agent", "random", "--k", "4", "--concurrency", "4", "--out", out.toString(),
                "--env-setting", SHOP + ".products=" + PRODUCTS, "--no-progress"), 0);
        assertTrue(printed.contains("1 episodes (0 failed)") && printed.contains("written to"), printed);

        List<JsonNode> rows = Files.readAllLines(out).stream().map(Json::tree).toList();
        Trajectory first = TrajectoryReader.read(firstFile());
        assertEquals(first.steps().size(), rows.size(), "one row per recorded step");
        JsonNode purchase = rows.get(rows.size() - 1);
        assertTrue(purchase.get("action").asText().contains("buy now"), purchase.toString());
        assertTrue(purchase.get("after_terminal").asBoolean(), "the purchase ends the episode: " + purchase);
        assertEquals(first.end().outcome().get("score") instanceof Number n ? n.doubleValue() : -1, purchase.get("v_after").asDouble(), 1e-9,
                "a terminal state's value is its outcome");
        assertTrue(purchase.get("progress").asDouble() > 0, "random rollouts from the item page do worse than the oracle's purchase: " + purchase);
        double sum = rows.stream().mapToDouble(r -> r.get("progress").asDouble()).sum();
        assertEquals(purchase.get("v_after").asDouble() - rows.get(0).get("v_before").asDouble(), sum, 1e-9, "progress telescopes");
        assertTrue(sum > 0, "the oracle's episode as a whole makes progress under random rollouts: " + sum);
        for (JsonNode row : rows) {
            assertEquals(4, row.get("k").asInt());
            assertTrue(row.get("stderr").asDouble() >= 0 && row.has("episode") && row.has("step"), row.toString());
        }
    }

    @Test
    void oracleRolloutsValueTheOraclesOwnPathHighRecordedAndLive() {
        Trajectory trajectory = recorded().get(1);
        ServerConfig config = smallShop();
        try (RunningServer server = RunningServer.start(config, Environments.registry(config, Map.of()));
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl());
             MonteCarloValues mc = new MonteCarloValues(socket, Agents.create("oracle-shop", 0), McOptions.of(2, 4))) {
            List<StepValue> values = mc.forRecorded(trajectory);
            assertEquals(trajectory.steps().size(), values.size());
            for (StepValue value : values) {
                System.out.printf("step %d %-40s V %.3f -> %.3f progress %+.3f%n", value.step(), value.action(),
                        value.before().mean(), value.after().mean(), value.progress());
            }
            assertTrue(values.get(0).before().mean() >= 0.9, "the oracle solves the task from its start: " + values.get(0));
            StepValue purchase = values.get(values.size() - 1);
            assertTrue(purchase.after().terminal() && purchase.after().mean() >= 0.9, purchase.toString());
            assertEquals(0, server.manager().openEpisodes(), "every replayed and forked episode is closed");

            // The live API: V of an episode a trainer has open, which stays open and unchanged.
            var live = socket.reset(SHOP, trajectory.header().task(), trajectory.header().seed(), Map.of("privileged", true));
            var value = mc.value(live.episodeId(), SHOP, trajectory.header().seed());
            assertEquals(2, value.k());
            assertEquals(values.get(0).before().mean(), value.mean(), 1e-9, "the same state, the same value");
            assertEquals(1, server.manager().openEpisodes(), "only the live episode is open");
            socket.close(live.episodeId());
        }
    }

    @Test
    void rolloutsStayWithinTheConcurrencyBoundAndAreAllClosed() throws Exception {
        Trajectory trajectory = recorded().get(0);
        ServerConfig config = smallShop();
        int concurrency = 2;
        try (RunningServer server = RunningServer.start(config, Environments.registry(config, Map.of()));
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl());
             MonteCarloValues mc = new MonteCarloValues(socket, Agents.create("random", 3), McOptions.of(6, concurrency))) {
            AtomicBoolean sampling = new AtomicBoolean(true);
            AtomicInteger mostOpen = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    mostOpen.accumulateAndGet(server.manager().openEpisodes(SHOP), Math::max);
                    Thread.onSpinWait();
                }
            });
            sampler.start();
            List<StepValue> values;
            try {
                values = mc.forRecorded(trajectory);
            } finally {
                sampling.set(false);
                sampler.join(5_000);
            }
            long nonTerminalStates = values.size() + 1 - values.stream().filter(v -> v.after().terminal()).count();
            assertEquals(6 * nonTerminalStates, mc.rolloutsPlayed(), "k rollouts per non-terminal state");
            assertTrue(mc.peakOpenRollouts() <= concurrency, "at most " + concurrency + " forks open: " + mc.peakOpenRollouts());
            assertTrue(mostOpen.get() <= concurrency + 1, "the server saw at most the forks plus the replay: " + mostOpen.get());
            assertEquals(0, server.manager().openEpisodes(), "every replayed and forked episode is closed");
        }
    }

    @Test
    void badInputGivesClearErrors(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mc.jsonl");
        String unknown = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", "nowhere-v9", "--from", records.toString(),
                "--out", out.toString()), 2);
        assertTrue(unknown.contains("unknown environment 'nowhere-v9'"), unknown);

        String noK = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", records.toString(),
                "--k", "0", "--out", out.toString()), 2);
        assertTrue(noK.contains("k (rollouts per state) must be at least 1"), noK);

        String heldOutAlone = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", records.toString(),
                "--held-out", "--out", out.toString()), 2);
        assertTrue(heldOutAlone.contains("--held-out needs --model"), heldOutAlone);
        String noModel = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", records.toString(),
                "--model", dir.resolve("no-model").toString(), "--out", out.toString()), 2);
        assertTrue(noModel.contains("no progress model at"), noModel);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        String none = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", empty.toString(),
                "--out", out.toString()), 2);
        assertTrue(none.contains("no recorded shop-v1 episodes"), none);

        // A recording whose second step's state differs from what the actions lead to.
        Path tampered = Files.createDirectories(dir.resolve("tampered"));
        List<String> lines = Files.readAllLines(firstFile());
        JsonNode step2 = Json.tree(lines.get(2));
        String hash = step2.get("state_hash").asText();
        lines.set(2, lines.get(2).replace(hash, "sha256:" + "0".repeat(64)));
        Files.write(tampered.resolve("ep.jsonl"), lines);
        String diverged = capture(() -> StepGymCli.execute("rewards", "mc-values", "--env", SHOP, "--from", tampered.toString(),
                "--k", "1", "--out", out.toString(), "--env-setting", SHOP + ".products=" + PRODUCTS, "--no-progress"), 1);
        assertTrue(diverged.contains("diverges from the recording at step 2"), diverged);
    }

    /** The recording the CLI takes first: by file path. */
    private static Path firstFile() throws Exception {
        try (Stream<Path> files = Files.walk(records)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
    }

    /** Standard output and error of a CLI run, checking its exit code. */
    private static String capture(Supplier<Integer> command, int expectedExit) {
        CliOutput run = CliOutput.bothStreams(command);
        assertEquals(expectedExit, run.exit(), run.text());
        return run.text();
    }
}
