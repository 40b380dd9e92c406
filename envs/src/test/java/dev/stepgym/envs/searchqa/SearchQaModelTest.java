package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.pipeline.RewardLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * searchqa-v1 with the real MiniLM model: dense and hybrid retrieval, and the default belief proxy
 * of its default reward pipeline.
 */
@Tag("heavy")
class SearchQaModelTest {
    private static SearchQaEnvironmentFactory factory;
    private static EnvironmentFactory rewarded;

    @BeforeAll
    static void open() {
        factory = new SearchQaEnvironmentProvider().open(Map.of("world", "small"));
        rewarded = RewardLayer.defaults().wrap(new SearchQaEnvironmentProvider()).open(Map.of("world", "small"));
    }

    @AfterAll
    static void close() {
        rewarded.close();
        factory.close();
    }

    @Test
    void denseAndHybridRetrievalFindTheHopDocuments() {
        for (RetrieverKind kind : List.of(RetrieverKind.DENSE, RetrieverKind.HYBRID)) {
            int hops = 0;
            int found = 0;
            for (Question q : factory.store().corpus().questions("dev")) {
                for (Hop hop : q.hops()) {
                    hops++;
                    List<SearchHit> hits = factory.store().retriever(kind).search(hop.query(), 5);
                    if (hits.stream().anyMatch(h -> h.documentId().equals(hop.documentId()))) {
                        found++;
                    }
                }
            }
            assertTrue(found >= 0.6 * hops, kind + " found " + found + " of " + hops + " hop documents in its top 5");
        }
    }

    @Test
    void theDefaultProxyBeliefRisesWhenGoldEvidenceArrives() {
        Question q = factory.store().corpus().questions("dev").get(0);
        Environment env = rewarded.newEpisode();
        env.reset(new ResetRequest(3, q.id(), Map.of(), false));
        double sum = 0;
        for (Hop hop : q.hops()) {
            Transition search = env.step(Action.text("search[" + hop.query() + "]"));
            sum += search.rewards().stream().filter(c -> c.name().equals(SearchQaEnvironment.BELIEF_GAIN))
                    .findFirst().orElseThrow().value();
            Transition open = env.step(Action.text("open[" + hop.documentId() + "]"));
            RewardComponent gain = open.rewards().stream().filter(c -> c.name().equals(SearchQaEnvironment.BELIEF_GAIN))
                    .findFirst().orElseThrow();
            assertEquals("proxy:minilm-evidence", gain.source());
            assertTrue(gain.value() > 0, "opening a gold document raises the belief: " + gain.value());
            sum += gain.value();
        }
        // The gains telescope to p_T - p_0 (p_0 = 0: no evidence yet); with every gold document read in full (titled), p_T is near 1.
        assertTrue(sum > 0.9, "belief after reading every gold document: " + sum);
    }

    /** Batched embeddings must not depend on what else is in the batch, or rewards would change with load. */
    @Test
    void rewardsAndObservationsAreTheSameAloneAndUnderConcurrentLoad() throws Exception {
        List<Question> questions = factory.store().corpus().questions("dev");
        List<List<String>> alone = new ArrayList<>();
        for (Question q : questions) {
            alone.add(play(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> together = new ArrayList<>();
            for (Question q : questions) {
                together.add(pool.submit(() -> play(q)));
            }
            for (int i = 0; i < questions.size(); i++) {
                assertEquals(alone.get(i), together.get(i).get(), questions.get(i).id());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> play(Question q) {
        Environment env = rewarded.newEpisode();
        env.reset(new ResetRequest(5, q.id(), Map.of("retriever", "hybrid"), false));
        List<String> trace = new ArrayList<>();
        for (Hop hop : q.hops()) {
            for (String action : List.of("search[" + hop.subQuestion() + "]", "open[" + hop.documentId() + "]")) {
                Transition t = env.step(Action.text(action));
                trace.add(t.observation().text() + t.rewards());
            }
        }
        return trace;
    }
}
