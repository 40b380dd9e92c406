package dev.stepgym.envs.searchqa;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.RewardLayer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default reward pipeline gives exactly the components the environment gave when it built them
 * itself: {@code searchqa-golden/episodes.json} was written by {@link SearchQaGoldenGenerator} before
 * rewards moved to the reward layer (16 episodes, 88 steps: oracle runs with repeats, aliases,
 * wrong answers and a failed format gate; random runs with bad actions), with the default MiniLM
 * belief proxy. The same plans replayed through {@code RewardLayer.defaults().wrap(provider)} must
 * give the same actions (so the same observations) and the same components: names, values to the
 * bit, weights, sources, kinds, order, on the same steps.
 */
@Tag("heavy")
class SearchQaGoldenTest {

    @Test
    void theDefaultPipelineReproducesTheEnvironmentsOwnComponents() throws Exception {
        Map<String, Object> golden;
        try (InputStream in = getClass().getResourceAsStream("/searchqa-golden/episodes.json")) {
            golden = Json.mapper().readValue(in, new TypeReference<Map<String, Object>>() { });
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> expected = (List<Map<String, Object>>) golden.get("episodes");
        try (EnvironmentFactory factory = RewardLayer.defaults().wrap(new SearchQaEnvironmentProvider())
                .open(SearchQaGoldenGenerator.SETTINGS)) {
            List<Map<String, Object>> actual;
            try (SearchQaEnvironmentFactory plain = new SearchQaEnvironmentProvider().open(SearchQaGoldenGenerator.SETTINGS)) {
                actual = SearchQaGoldenGenerator.play(plain.store().corpus().questions("train"), factory::newEpisode);
            }
            assertEquals(expected.size(), actual.size());
            for (int e = 0; e < expected.size(); e++) {
                // Through JSON, as the fixture was: doubles compare by their shortest exact decimal form.
                Object want = Json.mapper().readValue(Json.write(expected.get(e)), Object.class);
                Object got = Json.mapper().readValue(Json.write(actual.get(e)), Object.class);
                assertEquals(want, got, "episode " + e + " (" + expected.get(e).get("task") + ")");
            }
        }
    }
}
