package dev.stepgym.envs.searchqa.world;

import java.util.Objects;

/**
 * One reasoning step of a multi-hop question.
 *
 * <pre>{@code new Hop("Who founded the Velmora Institute?", "Velmora Institute founded by", "Adra Kessel", "d00042")}</pre>
 *
 * @param subQuestion the step as a question, the previous hop's answer already substituted
 * @param query       a search query that finds {@code documentId} with BM25
 * @param answer      the step's answer
 * @param documentId  the gold document stating the fact; null only for a loaded MuSiQue question kept with
 *                    {@code includeUnanswerable} whose supporting paragraph is missing from its context
 */
public record Hop(String subQuestion, String query, String answer, String documentId) {
    public Hop {
        Objects.requireNonNull(subQuestion, "a hop needs a sub-question");
        Objects.requireNonNull(query, "a hop needs a query");
        Objects.requireNonNull(answer, "a hop needs an answer");
    }
}
