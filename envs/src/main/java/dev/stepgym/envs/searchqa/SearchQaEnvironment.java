package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.igpo.BeliefGainSignal;
import dev.stepgym.rewards.stepsearch.AnswerExactMatchSignal;
import dev.stepgym.rewards.stepsearch.AnswerF1Signal;
import dev.stepgym.rewards.stepsearch.FormatGateSignal;
import dev.stepgym.rewards.stepsearch.InformationGainSignal;
import dev.stepgym.rewards.stepsearch.RedundancyPenaltySignal;
import dev.stepgym.rewards.stepsearch.SearchKeyMatchSignal;
import dev.stepgym.rewards.stepsearch.StepSearchOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code searchqa-v1} episode: search the encyclopedia, open documents, answer. Each step
 * reports its evidence (what it retrieved, the query, the answer and its format, the trainer's
 * belief) and the reset reports the task's reward context (the question, gold answers, gold
 * documents, search keys); the reward layer turns them into StepSearch's information gain and
 * redundancy penalty, IGPO's belief gain and StepSearch's outcome ({@link SearchQaEnvironmentProvider#defaultRewardPipeline()}).
 *
 * <pre>{@code
 * Start start = env.reset(new ResetRequest(7, "sq-dev-00017", Map.of(), false));
 * Transition t = env.step(Action.text("search[Velmora Institute founder]"));
 * t.evidence().get("retrieved_docs");   // the texts the search showed
 * }</pre>
 */
public final class SearchQaEnvironment implements Environment {
    public static final String INFORMATION_GAIN = InformationGainSignal.NAME;
    public static final String REDUNDANCY_PENALTY = RedundancyPenaltySignal.NAME;
    public static final String BELIEF_GAIN = BeliefGainSignal.NAME;
    public static final String ANSWER_F1 = AnswerF1Signal.NAME;
    public static final String ANSWER_EM = AnswerExactMatchSignal.NAME;
    public static final String SEARCH_KEY_MATCH = SearchKeyMatchSignal.NAME;
    public static final String FORMAT_GATE = FormatGateSignal.NAME;
    public static final String INVALID_ACTION = InvalidActionSignal.NAME;
    public static final List<String> REWARD_COMPONENTS = List.of(INFORMATION_GAIN, REDUNDANCY_PENALTY, BELIEF_GAIN,
            ANSWER_F1, ANSWER_EM, SEARCH_KEY_MATCH, FORMAT_GATE, INVALID_ACTION);

    private final SearchQaStore store;
    private SearchQaSession session;

    SearchQaEnvironment(SearchQaStore store) {
        this.store = store;
    }

    @Override
    public Start reset(ResetRequest request) {
        Question question = pickQuestion(request);
        RetrieverKind retriever = RetrieverKind.parse(request.option("retriever",
                store.settings().retriever().name().toLowerCase(java.util.Locale.ROOT)));
        Object p0 = request.options().get("belief");
        if (p0 != null && !(p0 instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset option 'belief' must be a number in [0, 1], got " + p0);
        }
        session = new SearchQaSession(question, retriever);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", question.id());
        info.put("split", question.split());
        info.put("question", question.text());
        info.put("hops", question.hops().size());
        info.put("retriever", session.retriever.name().toLowerCase(java.util.Locale.ROOT));
        if (request.privileged()) {
            info.put("gold", gold(question));
        }
        return new Start(observe(null), info, context(question, p0 == null ? null : ((Number) p0).doubleValue()));
    }

    /**
     * What the reward signals need about the task: the question and the first chat turn (IGPO's
     * context), the gold answer then its aliases, the supporting documents' texts (StepSearch's
     * {@code support_docs}), the search keys, and the trainer's {@code p_0} when it sent one.
     */
    private Map<String, Object> context(Question question, Double p0) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("question", question.text());
        List<String> answers = new ArrayList<>();
        answers.add(question.answer());
        answers.addAll(question.aliases());
        c.put("gold_answers", answers);
        c.put("gold_docs", store.corpus().supportingTexts(question));
        c.put("search_keys", question.searchKeys());
        c.put("conversation", List.of(turn("user", "Question: " + question.text())));
        if (p0 != null) {
            c.put("belief", p0);
        }
        return c;
    }

    private static Map<String, Object> turn(String role, String content) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("role", role);
        t.put("content", content);
        return t;
    }

    private Question pickQuestion(ResetRequest request) {
        if (request.task() != null) {
            return store.corpus().question(request.task()).orElseThrow(() -> new StepGymException(ErrorCode.BAD_REQUEST,
                    "unknown searchqa task '" + SearchQaAction.abbreviate(request.task()) + "'"));
        }
        String split = request.option("split", "train");
        List<Question> questions = store.corpus().questions(split);
        if (questions.isEmpty()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "searchqa split '" + SearchQaAction.abbreviate(split)
                    + "' has no questions");
        }
        return questions.get((int) Math.floorMod(mix(request.seed()), (long) questions.size()));
    }

    /** SplitMix64's finaliser: neighbouring seeds pick unrelated questions. */
    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static Map<String, Object> gold(Question question) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("answer", question.answer());
        g.put("aliases", question.aliases());
        List<Map<String, Object>> hops = new ArrayList<>();
        for (Hop hop : question.hops()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("sub_question", hop.subQuestion());
            h.put("query", hop.query());
            h.put("answer", hop.answer());
            h.put("doc_id", hop.documentId());
            hops.add(h);
        }
        g.put("hops", hops);
        g.put("supporting_doc_ids", question.supportingDocumentIds());
        g.put("search_keys", question.searchKeys());
        return g;
    }

    @Override
    public Transition step(Action action) {
        requireReset();
        if (session.done) {
            return rejected("the episode has ended with an answer; reset to ask another question");
        }
        SearchQaAction.Parsed parsed = SearchQaAction.parse(action);
        if (parsed.error() != null) {
            return rejected(parsed.error());
        }
        SearchQaAction a = parsed.action();
        return switch (a.verb()) {
            case SearchQaAction.SEARCH -> search(a);
            case SearchQaAction.OPEN -> open(a);
            default -> answer(a);
        };
    }

    private Transition search(SearchQaAction a) {
        List<SearchHit> hits = store.retriever(session.retriever).search(a.argument(), store.settings().topK());
        session.queries.add(a.argument());
        session.results = List.copyOf(hits);
        session.document = null;
        List<String> shown = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (SearchHit hit : hits) {
            shown.add(hit.title() + "\n" + hit.snippet());
            ids.add(hit.documentId());
        }
        return retrieved(a, shown, ids);
    }

    private Transition open(SearchQaAction a) {
        Document doc = store.corpus().document(a.argument()).orElse(null);
        if (doc == null) {
            return rejected("no document '" + SearchQaAction.abbreviate(a.argument()) + "'; open one of the ids in the results, e.g. "
                    + (session.results.isEmpty() ? "after a search" : session.results.get(0).documentId()));
        }
        session.document = doc;
        session.opened.add(doc.id());
        return retrieved(a, List.of(doc.title() + "\n" + doc.text()), List.of(doc.id()));
    }

    /**
     * A search or an open: what the agent was shown is the step's retrieved set D_t (StepSearch's
     * information gain and redundancy, the evidence proxy's new evidence), and the action with the
     * observation are the chat turns IGPO's belief is measured after.
     */
    private Transition retrieved(SearchQaAction a, List<String> shown, List<String> ids) {
        Observation observation = observe(null);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("action", a.verb());
        evidence.put(a.verb().equals(SearchQaAction.SEARCH) ? "query" : "doc_id", a.argument());
        evidence.put("retrieved_docs", List.copyOf(shown));
        evidence.put("retrieved_ids", List.copyOf(ids));
        evidence.put("turns", List.of(turn("assistant", describe(a)), turn("tool", observation.text())));
        if (a.belief() != null) {
            evidence.put("belief", a.belief());
        }
        evidence.put("invalid_action", false);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("retrieved", ids);
        info.put("gold_retrieved", (int) ids.stream().filter(session.question.supportingDocumentIds()::contains).count());
        return Transition.observed(observation, evidence, false, false, info);
    }

    private Transition answer(SearchQaAction a) {
        Question q = session.question;
        session.done = true;
        session.answer = a.argument();
        session.document = null;
        List<String> golds = new ArrayList<>();
        golds.add(q.answer());
        golds.addAll(q.aliases());
        // The same outcome the reward signals compute, for the info and the episode's score.
        StepSearchOutcome.Result outcome = StepSearchOutcome.score(Optional.of(a.argument()), a.formatValid(), golds,
                session.queries, q.searchKeys());
        boolean exact = outcome.gatePassed() && dev.stepgym.rewards.text.TokenF1.anyExactMatch(a.argument(), golds);
        session.score = outcome.gatePassed() ? outcome.f1() : 0.0;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("action", a.verb());
        evidence.put("answer", a.argument());
        evidence.put("format_valid", a.formatValid());
        evidence.put("response", a.response() != null ? a.response() : "<answer>" + a.argument() + "</answer>");
        if (a.belief() != null) {
            evidence.put("belief", a.belief());
        }
        evidence.put("invalid_action", false);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("answer", a.argument());
        info.put("format_valid", a.formatValid());
        info.put("f1", session.score);
        info.put("exact_match", exact);
        info.put("search_key_score", outcome.searchKeyScore());
        info.put("gold_answer", q.answer());
        return Transition.observed(observe(null), evidence, true, false, info);
    }

    private Transition rejected(String error) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("action", "invalid");
        evidence.put("error", error);
        evidence.put("invalid_action", true);
        return Transition.observed(observe(error), evidence, false, false, Map.of());
    }

    private static String describe(SearchQaAction a) {
        return a.verb() + "[" + a.argument() + "]";
    }

    private Observation observe(String error) {
        return SearchQaObservations.render(session, error);
    }

    private void requireReset() {
        if (session == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the searchqa episode before stepping it");
        }
    }

    @Override
    public Environment fork() {
        requireReset();
        SearchQaEnvironment copy = new SearchQaEnvironment(store);
        copy.session = session.copy();
        return copy;
    }

    @Override
    public Object state() {
        return session == null ? Map.of("task", "", "page", "unset") : session.state();
    }

    @Override
    public Map<String, Object> outcome() {
        if (session == null || !session.done) {
            return Map.of();
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("answer", session.answer);
        outcome.put("score", session.score);
        outcome.put("gold_answer", session.question.answer());
        return outcome;
    }
}
