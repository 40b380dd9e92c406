package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.text.PythonRounding;
import dev.stepgym.rewards.text.TokenF1;

import java.util.List;

/**
 * StepSearch's search-key reward: how well the agent's queries cover the gold sub-question keys.
 * Each key group lists alternative phrasings of one sub-question's query.
 *
 * <p>Each query is assigned to the group with the highest bag F1 (best alternative, rounded to 4
 * decimals; the first group wins a tie), and that group's value is <em>set</em> to the score. So the
 * last query assigned to a group decides its value, even if an earlier query matched it better. A
 * query that matches no group (best 0) changes nothing. The result is
 * {@code sum of group values / number of groups}.
 *
 * <pre>{@code
 * SearchKeyMatch.score(List.of("capital of france"),
 *         List.of(List.of("capital of france"), List.of("population of paris")))   // 0.5
 * }</pre>
 */
public final class SearchKeyMatch {
    private SearchKeyMatch() {
    }

    /** The search-key score in [0, 1]; 0 when there are no queries or no key groups. */
    public static double score(List<String> queries, List<List<String>> keyGroups) {
        if (queries == null || keyGroups == null) {
            throw new IllegalArgumentException("queries and key groups must not be null");
        }
        if (keyGroups.stream().anyMatch(g -> g == null)) {
            throw new IllegalArgumentException("a key group must not be null");
        }
        if (queries.isEmpty() || keyGroups.isEmpty()) {
            return 0.0;
        }
        double[] matched = new double[keyGroups.size()];
        for (String query : queries) {
            double best = 0.0;
            int bestGroup = -1;
            for (int g = 0; g < keyGroups.size(); g++) {
                double score = PythonRounding.round4(TokenF1.maxBag(query, keyGroups.get(g)));
                if (score > best) {
                    best = score;
                    bestGroup = g;
                }
            }
            // The reference writes best = 0 into a dummy slot -1 that never reaches the sum.
            if (bestGroup >= 0) {
                matched[bestGroup] = best;
            }
        }
        double total = 0.0;
        for (double value : matched) {
            total += value;
        }
        return total / keyGroups.size();
    }
}
