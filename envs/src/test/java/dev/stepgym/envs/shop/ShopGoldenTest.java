package dev.stepgym.envs.shop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default reward pipeline reproduces the components the environment built itself before the
 * rewards moved to the reward layer. {@code shop-golden/episodes.json} was written by the
 * environment's own reward code (commit 2e02fd0, ShopGoldenGenerator): 23 seeded episodes — oracle
 * paths with detours (description, features, invalid clicks, a partial option set, a step past the
 * end), near misses (another result, some options), random shoppers with invalid actions — on the
 * generated 10k catalog and on the WebShop-format fixture (list and dict goals). Each step's
 * actions are replayed through {@link RewardLayer#wrap}, and the components must be identical: names,
 * values bit for bit, weights, sources, kinds, order. The recorded evidence, through JSON, must
 * re-score to the same components without the environment.
 */
class ShopGoldenTest {
    private static final List<EnvironmentFactory> OPENED = new ArrayList<>();

    @AfterAll
    static void close() {
        OPENED.forEach(EnvironmentFactory::close);
    }

    @Test
    void theDefaultPipelineReproducesTheRecordedComponentsOnlineAndFromEvidence() throws IOException {
        JsonNode fixture;
        try (InputStream in = ShopGoldenTest.class.getResourceAsStream("/shop-golden/episodes.json")) {
            fixture = Json.mapper().readTree(in);
        }
        Map<String, EnvironmentFactory> factories = new LinkedHashMap<>();
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(new ShopEnvironmentProvider().defaultRewardPipeline(), "default"));
        int episodes = 0;
        int steps = 0;
        int components = 0;
        for (JsonNode episode : fixture.get("episodes")) {
            String catalog = episode.get("catalog").asText();
            String task = episode.get("task").asText();
            EnvironmentFactory factory = factories.computeIfAbsent(catalog, ShopGoldenTest::open);
            Environment env = factory.newEpisode();
            Start start = env.reset(new ResetRequest(0, task, Map.of(), false));
            @SuppressWarnings("unchecked")
            EpisodeRewards offline = pipeline.episode(Json.read(Json.write(start.context()), Map.class));
            int index = 0;
            for (JsonNode step : episode.get("steps")) {
                String where = catalog + " " + task + " step " + (++index) + " " + step.get("action").asText();
                Transition t = env.step(Action.text(step.get("action").asText()));
                List<RewardComponent> expected = components(step.get("rewards"));
                assertIdentical(expected, t.rewards(), where);
                @SuppressWarnings("unchecked")
                Map<String, Object> recorded = Json.read(Json.write(t.evidence()), Map.class);
                assertIdentical(expected, offline.score(recorded).join(), where + " (re-scored from evidence)");
                assertEquals(step.get("terminated").asBoolean(), t.terminated(), where);
                if (step.has("info")) {
                    assertEquals(step.get("info"), Json.toTree(t.info()), where + ": info (score, webshop breakdown)");
                }
                steps++;
                components += expected.size();
            }
            episodes++;
        }
        assertEquals(23, episodes);
        assertTrue(steps >= 150 && components >= steps, steps + " steps, " + components + " components");
    }

    private static EnvironmentFactory open(String catalog) {
        if (catalog.equals("synthetic")) {
            return ShopFixture.rewarded();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("webshop_products", resource("items_shuffle.json"));
        settings.put("webshop_attributes", resource("items_ins_v2.json"));
        if (catalog.equals("webshop_human")) {
            settings.put("webshop_human_instructions", resource("items_human_ins.json"));
        }
        EnvironmentFactory factory = RewardLayer.defaults().wrap(new ShopEnvironmentProvider()).open(settings);
        OPENED.add(factory);
        return factory;
    }

    private static String resource(String name) {
        try {
            return Path.of(ShopGoldenTest.class.getResource("/webshop/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RewardComponent> components(JsonNode rewards) {
        List<RewardComponent> out = new ArrayList<>();
        for (JsonNode c : rewards) {
            out.add(new RewardComponent(c.get("name").asText(), c.get("value").asDouble(), c.get("weight").asDouble(),
                    c.get("source").asText(), RewardKind.valueOf(c.get("kind").asText())));
        }
        return out;
    }

    /** Records compare doubles with Double.compare, so equal records are equal bit for bit (but 0.0 ≠ −0.0). */
    private static void assertIdentical(List<RewardComponent> expected, List<RewardComponent> actual, String where) {
        assertEquals(expected, actual, where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.get(i).value()), Double.doubleToRawLongBits(actual.get(i).value()),
                    where + ": " + expected.get(i).name());
        }
    }
}
