package dev.stepgym.envs.searchqa.world;

import dev.stepgym.protocol.json.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of documents and the questions asked over them. The constructor checks that the
 * questions can be answered from the documents: ids are unique, every question has a hop, and every
 * supporting or hop document exists.
 *
 * <pre>{@code
 * Corpus corpus = WorldGenerator.generate(7L, WorldSize.small());
 * Question q = corpus.questions("dev").get(0);
 * Document gold = corpus.document(q.supportingDocumentIds().get(0)).orElseThrow();
 * }</pre>
 */
public final class Corpus {
    private final String name;
    private final List<Document> documents;
    private final List<Question> questions;
    private final Map<String, Document> documentsById = new LinkedHashMap<>();
    private final Map<String, Question> questionsById = new LinkedHashMap<>();
    private final Map<String, List<Question>> questionsBySplit = new LinkedHashMap<>();
    private volatile String digest;

    /**
     * @param name      what the corpus is, e.g. {@code world-seed-7} or {@code hotpotqa:dev.json}
     * @param documents documents in their canonical order
     * @param questions questions in their canonical order; {@link #questions(String)} keeps it
     * @throws IllegalArgumentException when an id repeats, a question has no hop, or a question names a
     *                                  document that is not in {@code documents}
     */
    public Corpus(String name, List<Document> documents, List<Question> questions) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a corpus needs a non-blank name");
        }
        this.name = name;
        this.documents = List.copyOf(Objects.requireNonNull(documents, "documents"));
        this.questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
        for (Document d : this.documents) {
            if (documentsById.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("corpus " + name + ": document id '" + d.id() + "' appears twice");
            }
        }
        Map<String, List<Question>> bySplit = new LinkedHashMap<>();
        for (Question q : this.questions) {
            if (questionsById.putIfAbsent(q.id(), q) != null) {
                throw new IllegalArgumentException("corpus " + name + ": question id '" + q.id() + "' appears twice");
            }
            if (q.hops().isEmpty()) {
                throw new IllegalArgumentException("corpus " + name + ": question " + q.id() + " has no hop");
            }
            for (String id : q.supportingDocumentIds()) {
                requireDocument(q, id, "supporting document");
            }
            for (Hop hop : q.hops()) {
                if (hop.documentId() != null) {
                    requireDocument(q, hop.documentId(), "hop document");
                }
            }
            bySplit.computeIfAbsent(q.split(), s -> new ArrayList<>()).add(q);
        }
        bySplit.forEach((split, list) -> questionsBySplit.put(split, List.copyOf(list)));
    }

    private void requireDocument(Question q, String id, String what) {
        if (!documentsById.containsKey(id)) {
            throw new IllegalArgumentException("corpus " + name + ": question " + q.id() + " names " + what
                    + " '" + id + "', which is not in the corpus");
        }
    }

    public String name() {
        return name;
    }

    public List<Document> documents() {
        return documents;
    }

    public Optional<Document> document(String id) {
        return Optional.ofNullable(documentsById.get(id));
    }

    public List<Question> questions() {
        return questions;
    }

    /** Questions of one split in corpus order; empty for a split the corpus does not have. */
    public List<Question> questions(String split) {
        return questionsBySplit.getOrDefault(split, List.of());
    }

    /** The texts of a question's supporting documents, in its order: what StepSearch scores retrievals against. */
    public List<String> supportingTexts(Question question) {
        return question.supportingDocumentIds().stream().map(this::document).flatMap(Optional::stream).map(Document::text).toList();
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questionsById.get(id));
    }

    /** The splits that have questions, in order of first appearance. */
    public Set<String> splits() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(questionsBySplit.keySet()));
    }

    /**
     * {@code sha256:<hex>} of the canonical JSON of name, documents and questions: equal corpora have equal
     * digests on every machine, so a trajectory can name the exact corpus it ran on.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("name", name);
            content.put("documents", documents);
            content.put("questions", questions);
            d = Json.sha256(content);
            digest = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return "Corpus[" + name + ", " + documents.size() + " documents, " + questions.size() + " questions]";
    }
}
