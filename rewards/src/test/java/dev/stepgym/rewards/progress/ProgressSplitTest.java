package dev.stepgym.rewards.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.protocol.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The held-out split, the ranking and correlation figures and the step text, without a model. */
class ProgressSplitTest {

    private static List<ProgressEpisode> episodes() {
        List<ProgressEpisode> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(new ProgressEpisode("oracle-" + i, "t", List.of(Map.of("page", "done")), 1.0, "oracle", i));
            all.add(new ProgressEpisode("random-" + i, "t", List.of(Map.of("page", "results")), 0.0, "random", i));
        }
        for (int i = 0; i < 6; i++) {
            all.add(new ProgressEpisode("noisy-" + i, "t", List.of(Map.of("page", "done")), i % 2 == 0 ? 1.0 : 0.2, "noisy", i));
        }
        all.add(new ProgressEpisode("lone-0", "t", List.of(Map.of()), 0.0, "lone", 0));
        return all;
    }

    private static List<ProgressEpisode> reversed(List<ProgressEpisode> list) {
        List<ProgressEpisode> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    @Test
    void everySourceAndOutcomeClassWithTwoEpisodesHasHeldOutOnesAndTheSeedDecidesWhich() {
        ProgressSplit.Assignment a = ProgressSplit.assign(episodes(), 0.2, 0.5, 7);
        ProgressSplit split = a.split();
        assertEquals(List.of(
                new ProgressSplit.Stratum("lone", "failure", 1, 0),
                new ProgressSplit.Stratum("noisy", "failure", 3, 1),
                new ProgressSplit.Stratum("noisy", "success", 3, 1),
                new ProgressSplit.Stratum("oracle", "success", 12, 2),
                new ProgressSplit.Stratum("random", "failure", 12, 2)), split.strata());
        assertEquals(6, a.heldOut().size());
        assertEquals(episodes().size() - 6, a.train().size());
        assertTrue(a.heldOut().stream().allMatch(e -> split.isHeldOut(e.episodeId())));
        assertTrue(a.train().stream().noneMatch(e -> split.isHeldOut(e.episodeId())));

        assertEquals(split, ProgressSplit.assign(episodes(), 0.2, 0.5, 7).split(), "the same seed, the same split");
        assertEquals(split, ProgressSplit.assign(reversed(episodes()), 0.2, 0.5, 7).split(), "whatever the input order");
        assertNotEquals(split.heldOut(), ProgressSplit.assign(episodes(), 0.2, 0.5, 8).split().heldOut(), "another seed, another split");

        List<ProgressEpisode> recordedAgain = episodes().stream().map(e -> new ProgressEpisode(new StringBuilder(e.episodeId()).reverse().toString(),
                e.task(), e.evidence(), e.outcome(), e.source(), e.seed())).toList();
        assertEquals(split.strata(), ProgressSplit.assign(recordedAgain, 0.2, 0.5, 7).split().strata());
        assertEquals(a.heldOut().stream().map(ProgressEpisode::seed).sorted().toList(),
                ProgressSplit.assign(recordedAgain, 0.2, 0.5, 7).heldOut().stream().map(ProgressEpisode::seed).sorted().toList(),
                "the same tasks and seeds recorded again (new episode ids) are split the same way");

        ProgressSplit back = Json.read(Json.write(split), ProgressSplit.class);
        assertEquals(split, back, "recorded in the manifest as JSON");
    }

    @Test
    void aucPearsonAndSpearman() {
        assertEquals(1.0, ProgressStats.auc(new double[] {3, 4}, new double[] {1, 2}));
        assertEquals(0.0, ProgressStats.auc(new double[] {1}, new double[] {2, 3}));
        assertEquals(0.5, ProgressStats.auc(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0.75, ProgressStats.auc(new double[] {2, 3}, new double[] {1, 2.5}));
        assertTrue(Double.isNaN(ProgressStats.auc(new double[0], new double[] {1})));
        assertEquals(1.0, ProgressStats.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
        assertEquals(-1.0, ProgressStats.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertTrue(Double.isNaN(ProgressStats.pearson(new double[] {1, 1}, new double[] {1, 2})), "a constant side");
        assertEquals(1.0, ProgressStats.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 10, 100, 1000}), 1e-12);
    }

    @Test
    void theStepTextPutsPlainFieldsFirstAndSummarisesNestedOnes() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("asin", "B04");
        item.put("name", "Grazo Minimalist Aluminum Tripod");
        item.put("description", "x".repeat(2_000));
        item.put("bullet_points", List.of("a", "b"));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("item", item);
        evidence.put("results", List.of("B01", "B02", "B03", "B04", "B05"));
        evidence.put("selected", Map.of("color", "white"));
        evidence.put("page", "item");
        evidence.put("query", "tripod");
        evidence.put("bought", false);
        String text = ProgressFeatures.text(evidence);
        assertTrue(text.startsWith("bought: false\npage: item\nquery: tripod\nitem: {asin: B04, description: xxx"), text);
        assertTrue(text.contains("\nresults: [5] B01, B02, B03\nselected: {color: white}\n"), text);
        assertTrue(text.length() <= ProgressFeatures.MAX_TEXT, text);
        assertTrue(ProgressFeatures.SPEC.startsWith("progress-features/v2"), ProgressFeatures.SPEC);
    }
}
