package dev.stepgym.agents.baseline;

import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Observation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleSearchQaAgentTest {
    private static final Observation ANY = Observation.of("Question: where?", List.of("search[<query>]", "answer[<text>]"));

    @Test
    void searchesAndOpensEveryHopThenAnswers() {
        Map<String, Object> gold = Map.of("answer", "Quorland", "hops", List.of(
                Map.of("query", "Velmora Institute founder", "doc_id", "d00001", "answer", "Ana Trevik"),
                Map.of("query", "Ana Trevik birthplace", "doc_id", "d00002", "answer", "Osk"),
                Map.of("query", "Osk country", "doc_id", "d00003", "answer", "Quorland")));
        Policy policy = new OracleSearchQaAgent().start(new EpisodeStart("e1", null, ANY, Map.of("gold", gold), 1L));
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            actions.add(policy.next(ANY).text());
        }
        assertEquals(List.of("search[Velmora Institute founder]", "open[d00001]", "search[Ana Trevik birthplace]",
                "open[d00002]", "search[Osk country]", "open[d00003]", "answer[Quorland]"), actions);
    }

    @Test
    void asksForPrivilegedDataAndSaysSoWhenItIsMissing() {
        OracleSearchQaAgent agent = new OracleSearchQaAgent();
        assertEquals(Map.of("privileged", true), agent.resetOptions());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> agent.start(new EpisodeStart("e1", null, ANY, Map.of("task", "sq-dev-00001"), 1L)));
        assertTrue(e.getMessage().contains("privileged"), e.getMessage());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> agent.start(
                new EpisodeStart("e1", null, ANY, Map.of("gold", Map.of("answer", "x", "hops", List.of(Map.of("query", 3)))), 1L)));
        assertTrue(bad.getMessage().contains("doc_id"), bad.getMessage());
    }
}
