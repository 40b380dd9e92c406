package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import dev.stepgym.rewards.stepsearch.InformationGain;
import dev.stepgym.rewards.stepsearch.RedundancyPenalty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one searchqa episode. Small: the question and documents are shared
 * references into the corpus; what grows is the list of queries and of texts shown to the agent.
 */
final class SearchQaSession {
    final Question question;
    /** The supporting documents' texts, looked up once: every step's rewards compare with them. */
    final List<String> goldTexts;
    final RetrieverKind retriever;
    final InformationGain informationGain;
    final RedundancyPenalty redundancy;
    final List<String> queries;
    final List<String> opened;
    /** Every document id shown so far (in results or opened), in first-seen order. */
    final LinkedHashSet<String> seen;
    /** The texts shown to the agent (snippets and opened documents): the proxy scorer's evidence. */
    final List<String> evidence;
    /** The episode as chat turns, for scorers that read the conversation (IGPO's context). */
    final List<ChatTurn> conversation;
    List<SearchHit> results = List.of();
    Document document;
    /** IGPO's p_{t-1}, or null while the scorer has not given one. */
    Double belief;
    String answer;
    double score;
    boolean done;

    SearchQaSession(Question question, List<String> goldTexts, RetrieverKind retriever, InformationGain informationGain,
                    RedundancyPenalty redundancy) {
        this.question = question;
        this.goldTexts = List.copyOf(goldTexts);
        this.retriever = retriever;
        this.informationGain = informationGain;
        this.redundancy = redundancy;
        this.queries = new ArrayList<>();
        this.opened = new ArrayList<>();
        this.seen = new LinkedHashSet<>();
        this.evidence = new ArrayList<>();
        this.conversation = new ArrayList<>();
    }

    private SearchQaSession(SearchQaSession other) {
        this.question = other.question;
        this.goldTexts = other.goldTexts;
        this.retriever = other.retriever;
        this.informationGain = other.informationGain.copy();
        this.redundancy = other.redundancy.copy();
        this.queries = new ArrayList<>(other.queries);
        this.opened = new ArrayList<>(other.opened);
        this.seen = new LinkedHashSet<>(other.seen);
        this.evidence = new ArrayList<>(other.evidence);
        this.conversation = new ArrayList<>(other.conversation);
        this.results = other.results;
        this.document = other.document;
        this.belief = other.belief;
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
