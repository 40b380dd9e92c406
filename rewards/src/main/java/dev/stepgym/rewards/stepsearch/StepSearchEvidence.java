package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import dev.stepgym.rewards.signal.StepScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the StepSearch signals read evidence. Context: {@code gold_docs} (the gold support
 * paragraphs' text), {@code gold_answers} (the answer, then its aliases), {@code search_keys} (key
 * groups, each a list of phrasings). Steps: {@code retrieved_docs} on a search step (the texts the
 * step retrieved, as shown), {@code query} on a step that searched, {@code answer} and
 * {@code format_valid} on the answer step.
 */
final class StepSearchEvidence {
    static final String GOLD_DOCS = "gold_docs";
    static final String GOLD_ANSWERS = "gold_answers";
    static final String SEARCH_KEYS = "search_keys";
    static final String RETRIEVED_DOCS = "retrieved_docs";
    static final String QUERY = "query";
    static final String ANSWER = "answer";
    static final String FORMAT_VALID = "format_valid";

    private StepSearchEvidence() {
    }

    /** Whether this step retrieved documents (a search step for StepSearch). */
    static boolean retrieves(StepScope step) {
        return step.current().has(RETRIEVED_DOCS);
    }

    /** The retrieved sets of every search step so far, this one last. */
    static List<List<String>> retrievedSoFar(StepScope step) {
        List<List<String>> out = new ArrayList<>();
        for (Evidence e : step.soFar()) {
            if (e.has(RETRIEVED_DOCS)) {
                out.add(e.strings(RETRIEVED_DOCS));
            }
        }
        return out;
    }

    /** The queries of every step so far that searched, in order. */
    static List<String> queriesSoFar(StepScope step) {
        List<String> out = new ArrayList<>();
        for (Evidence e : step.soFar()) {
            e.optString(QUERY).ifPresent(out::add);
        }
        return out;
    }

    static List<List<String>> keyGroups(String signal, Evidence context) {
        List<List<String>> groups = new ArrayList<>();
        for (Object group : context.list(SEARCH_KEYS)) {
            if (!(group instanceof List<?> phrasings) || phrasings.stream().anyMatch(p -> !(p instanceof String))) {
                throw new MissingEvidenceException(signal, SEARCH_KEYS,
                        "context field \"" + SEARCH_KEYS + "\" must be a list of lists of strings, got an element " + group);
            }
            groups.add(phrasings.stream().map(String.class::cast).toList());
        }
        return groups;
    }

    /** Whether this step answered. */
    static boolean answers(StepScope step) {
        return step.current().has(ANSWER);
    }

    /**
     * StepSearch's outcome of this answer step.
     *
     * @param withKeys score the search keys too (reads {@code search_keys} and the queries)
     */
    static StepSearchOutcome.Result outcome(String signal, StepScope step, boolean withKeys) {
        Evidence current = step.current();
        String answer = current.string(ANSWER);
        Object valid = current.raw(FORMAT_VALID);
        if (!(valid instanceof Boolean gate)) {
            throw new MissingEvidenceException(signal, FORMAT_VALID, "evidence field \"" + FORMAT_VALID + "\" must be true or false, got " + valid);
        }
        List<String> golds = step.context().strings(GOLD_ANSWERS);
        return StepSearchOutcome.score(Optional.of(answer), gate, golds,
                withKeys ? queriesSoFar(step) : List.of(), withKeys ? keyGroups(signal, step.context()) : List.of());
    }
}
