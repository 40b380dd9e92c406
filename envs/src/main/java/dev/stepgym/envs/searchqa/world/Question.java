package dev.stepgym.envs.searchqa.world;

import java.util.List;
import java.util.Objects;

/**
 * A multi-hop question with its gold answer and the path to it.
 *
 * <pre>{@code
 * question.text();                  // "In which country was the founder of the Velmora Institute born?"
 * question.answer();                // "Ostravia"
 * question.aliases();               // ["Republic of Ostravia"]
 * question.hops().size();           // 3
 * question.searchKeys().get(0);     // ["Velmora Institute founded by", "who founded Velmora Institute", ...]
 * }</pre>
 *
 * @param id                    unique in its corpus, e.g. {@code sq-dev-00017}
 * @param split                 {@code train}, {@code dev} or {@code test} (or the split a loader was given)
 * @param answer                the gold answer
 * @param aliases               other accepted spellings of the answer (may be empty)
 * @param hops                  reasoning steps in order; at least one
 * @param supportingDocumentIds gold documents in hop order, without repeats
 * @param searchKeys            one group per hop, each listing alternative phrasings of that hop's query
 *                              (StepSearch's {@code search_keys})
 */
public record Question(String id, String split, String text, String answer, List<String> aliases, List<Hop> hops,
                       List<String> supportingDocumentIds, List<List<String>> searchKeys) {
    public Question {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a question needs a non-blank id");
        }
        Objects.requireNonNull(split, () -> "question " + id + " has no split");
        Objects.requireNonNull(text, () -> "question " + id + " has no text");
        Objects.requireNonNull(answer, () -> "question " + id + " has no answer");
        aliases = List.copyOf(Objects.requireNonNull(aliases, () -> "question " + id + " has no alias list"));
        hops = List.copyOf(Objects.requireNonNull(hops, () -> "question " + id + " has no hop list"));
        supportingDocumentIds = List.copyOf(Objects.requireNonNull(supportingDocumentIds,
                () -> "question " + id + " has no supporting document list"));
        searchKeys = Objects.requireNonNull(searchKeys, () -> "question " + id + " has no search keys")
                .stream().map(List::copyOf).toList();
    }

    /** Number of reasoning steps. */
    public int hopCount() {
        return hops.size();
    }
}
