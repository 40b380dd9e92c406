package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.embed.TextEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 3: the corpus texts a searchqa step reports (search snippets, opened documents,
 * gold passages) are all known ahead of time, so they are embedded once, kept on disk and never
 * embedded on a step's critical path.
 */
@Timeout(120)
class EvidenceVectorsTest {

    @TempDir
    Path cache;

    @Test
    void everyTextAStepReportsIsEmbeddedAheadOfTime() {
        try (SearchQaEnvironmentFactory factory = new SearchQaEnvironmentProvider().open(Map.of("world", "small"))) {
            Corpus corpus = factory.store().corpus();
            Set<String> known = new HashSet<>(EvidenceVectors.texts(corpus));
            int checked = 0;
            for (Question q : corpus.questions().subList(0, 20)) {
                assertTrue(known.containsAll(corpus.supportingTexts(q)), "gold passages of " + q.id());
                SearchQaEnvironment env = factory.newEpisode();
                env.reset(new ResetRequest(1, q.id(), Map.of(), false));
                // Queries the corpus never saw, so snippets come from many different sentences.
                for (String query : List.of(q.text(), q.hops().get(0).query(), "zebra " + q.answer() + " founded river")) {
                    Transition t = env.step(Action.text("search[" + query + "]"));
                    @SuppressWarnings("unchecked")
                    List<String> shown = (List<String>) t.evidence().get("retrieved_docs");
                    assertFalse(shown.isEmpty());
                    for (String text : shown) {
                        assertTrue(known.contains(text), "a search showed a text not embedded ahead of time: " + text);
                        checked++;
                    }
                    @SuppressWarnings("unchecked")
                    List<String> ids = (List<String>) t.evidence().get("retrieved_ids");
                    @SuppressWarnings("unchecked")
                    List<String> opened = (List<String>) env.step(Action.text("open[" + ids.get(0) + "]")).evidence().get("retrieved_docs");
                    assertTrue(known.containsAll(opened), "an open showed a text not embedded ahead of time");
                    env.reset(new ResetRequest(1, q.id(), Map.of(), false));
                }
            }
            assertTrue(checked >= 60, "checked " + checked);
        }
    }

    @Test
    void vectorsAreComputedOnceThenReadFromTheCacheWithAProgressLine() {
        try (SearchQaEnvironmentFactory factory = new SearchQaEnvironmentProvider().open(Map.of("world", "small"))) {
            Corpus corpus = factory.store().corpus();
            List<String> texts = EvidenceVectors.texts(corpus);
            CountingEmbedder model = new CountingEmbedder();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            float[][] first = EvidenceVectors.loadOrCompute(corpus, texts, model, cache, new PrintStream(log, true, StandardCharsets.UTF_8));
            assertEquals(texts.size(), model.texts.get(), "each text embedded once");
            String progress = log.toString(StandardCharsets.UTF_8);
            assertTrue(progress.contains(texts.size() + "/" + texts.size() + " (100%"), progress);
            assertTrue(progress.lines().count() <= 11, "one line per tenth at most: " + progress);
            float[][] again = EvidenceVectors.loadOrCompute(corpus, texts, model, cache, new PrintStream(new ByteArrayOutputStream()));
            assertEquals(texts.size(), model.texts.get(), "the second start reads the cache");
            assertEquals(first.length, again.length);
            for (int i = 0; i < first.length; i += 97) {
                assertArrayEquals(first[i], again[i]);
            }
        }
    }

    @Test
    void theSettingIsCheckedAndOffByDefault() {
        assertFalse(SearchQaSettings.parse(Map.of("world", "small")).evidenceVectors());
        assertFalse(SearchQaSettings.parse(Map.of()).evidenceVectors());
        assertTrue(SearchQaSettings.parse(Map.of("evidence_vectors", "true")).evidenceVectors());
        assertTrue(SearchQaSettings.parse(Map.of("world", "small", "evidence_vectors", "true")).evidenceVectors());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchQaSettings.parse(Map.of("evidence_vectors", "maybe")));
        assertTrue(e.getMessage().contains("evidence_vectors"), e.getMessage());
    }

    /** Deterministic vectors from the text's hash; counts the texts it is asked for. */
    private static final class CountingEmbedder implements TextEmbedder {
        final AtomicInteger texts = new AtomicInteger();

        @Override
        public float[][] embed(List<String> batch) {
            texts.addAndGet(batch.size());
            float[][] out = new float[batch.size()][dimension()];
            for (int i = 0; i < batch.size(); i++) {
                out[i][Math.floorMod(batch.get(i).hashCode(), dimension())] = 1f;
            }
            return out;
        }

        @Override
        public int dimension() {
            return 8;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void close() {
        }
    }
}
