package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.Question;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one searchqa episode. Small: the question and documents are shared
 * references into the corpus; what grows is the list of queries and opened documents. What the
 * rewards need is in each step's evidence, not here.
 */
final class SearchQaSession {
    final Question question;
    final RetrieverKind retriever;
    final List<String> queries;
    final List<String> opened;
    List<SearchHit> results = List.of();
    Document document;
    String answer;
    double score;
    boolean done;

    SearchQaSession(Question question, RetrieverKind retriever) {
        this.question = question;
        this.retriever = retriever;
        this.queries = new ArrayList<>();
        this.opened = new ArrayList<>();
    }

    private SearchQaSession(SearchQaSession other) {
        this.question = other.question;
        this.retriever = other.retriever;
        this.queries = new ArrayList<>(other.queries);
        this.opened = new ArrayList<>(other.opened);
        this.results = other.results;
        this.document = other.document;
        this.answer = other.answer;
        this.score = other.score;
        this.done = other.done;
    }

    SearchQaSession copy() {
        return new SearchQaSession(this);
    }

    /** What the state hash covers: everything the next observation and rewards depend on. */
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", question.id());
        s.put("retriever", retriever.name().toLowerCase(java.util.Locale.ROOT));
        s.put("queries", List.copyOf(queries));
        s.put("opened", List.copyOf(opened));
        s.put("results", results.stream().map(SearchHit::documentId).toList());
        s.put("document", document == null ? "" : document.id());
        s.put("answer", answer == null ? "" : answer);
        s.put("done", done);
        return s;
    }
}
