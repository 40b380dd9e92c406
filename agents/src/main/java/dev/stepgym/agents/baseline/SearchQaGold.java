package dev.stepgym.agents.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The privileged gold data of a {@code searchqa-v1} question, as the reset info's {@code gold}
 * carries it when the episode was reset with {@code "privileged": true}.
 *
 * @param answer the gold answer
 * @param hops   the reasoning steps, in order
 */
public record SearchQaGold(String answer, List<Hop> hops) {
    public SearchQaGold {
        Objects.requireNonNull(answer, "answer");
        hops = List.copyOf(hops);
    }

    /**
     * One reasoning step.
     *
     * @param query    a search query that finds the hop's document
     * @param docId    the document that states the hop's fact
     * @param answer   the hop's answer
     */
    public record Hop(String query, String docId, String answer) {
    }

    /**
     * Reads the gold data from a reset's info.
     *
     * @throws IllegalStateException when {@code info.gold} is missing or malformed
     */
    public static SearchQaGold fromInfo(Map<String, Object> info) {
        if (!(info.get("gold") instanceof Map<?, ?> g)) {
            throw new IllegalStateException("oracle-searchqa needs privileged gold data, but the reset info has no \"gold\" object"
                    + " (info keys: " + info.keySet() + "); reset searchqa-v1 with the option {\"privileged\": true}"
                    + " in a scenario that allows privileged data");
        }
        if (!(g.get("answer") instanceof String answer) || !(g.get("hops") instanceof List<?> rawHops)) {
            throw new IllegalStateException("info.gold must carry a string \"answer\" and a list \"hops\", got keys " + g.keySet());
        }
        List<Hop> hops = new ArrayList<>();
        for (Object raw : rawHops) {
            if (!(raw instanceof Map<?, ?> h) || !(h.get("query") instanceof String query)
                    || !(h.get("doc_id") instanceof String docId)) {
                throw new IllegalStateException("each info.gold.hops entry needs string \"query\" and \"doc_id\", got " + raw);
            }
            hops.add(new Hop(query, docId, String.valueOf(h.get("answer"))));
        }
        return new SearchQaGold(answer, hops);
    }
}
