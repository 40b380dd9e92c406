package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.scoring.BeliefQuery;
import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import dev.stepgym.rewards.stepsearch.InformationGain;
import dev.stepgym.rewards.stepsearch.RedundancyPenalty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code searchqa-v1} episode: search the encyclopedia, open documents, answer. Step rewards
 * are StepSearch's information gain and redundancy penalty on every search and open, and IGPO's
 * belief gain {@code p_t − p_{t−1}} from the configured scorer; the answer is scored with
 * StepSearch's outcome (bag F1 against the gold answer and its aliases, search-key match, format gate).
 *
 * <pre>{@code
 * Start start = env.reset(new ResetRequest(7, "sq-dev-00017", Map.of(), false));
 * Transition t = env.step(Action.text("search[Velmora Institute founder]"));
 * }</pre>
 */
public final class SearchQaEnvironment implements Environment {
    public static final String INFORMATION_GAIN = "information_gain";
    public static final String REDUNDANCY_PENALTY = "redundancy_penalty";
    public static final String BELIEF_GAIN = "belief_gain";
    public static final String ANSWER_F1 = "answer_f1";
    public static final String ANSWER_EM = "answer_em";
    public static final String SEARCH_KEY_MATCH = "search_key_match";
    public static final String FORMAT_GATE = "format_gate";
    public static final String INVALID_ACTION = "invalid_action";
    public static final List<String> REWARD_COMPONENTS = List.of(INFORMATION_GAIN, REDUNDANCY_PENALTY, BELIEF_GAIN,
            ANSWER_F1, ANSWER_EM, SEARCH_KEY_MATCH, FORMAT_GATE, INVALID_ACTION);
    static final String SOURCE_TFIDF = "stepsearch:tfidf";
    static final String SOURCE_REDUNDANCY = "stepsearch:redundancy";
    static final String SOURCE_OUTCOME = "stepsearch:f1";
    static final String SOURCE_KEYS = "stepsearch:search_keys";
    static final String SOURCE_ENV = "env:searchqa";
    /** StepSearch's intended step-reward scale (its code's in-place update makes it 1.6; see docs/searchqa.md). */
    static final double STEP_WEIGHT = 0.6;
    /** StepSearch's {@code search_keys_score}. */
    static final double SEARCH_KEY_WEIGHT = 0.618;
    static final double INVALID_WEIGHT = 0.1;

    private final SearchQaStore store;
    private final BeliefTracker beliefs;
    private SearchQaSession session;

    SearchQaEnvironment(SearchQaStore store) {
        this.store = store;
        this.beliefs = new BeliefTracker(store);
    }

    @Override
    public Start reset(ResetRequest request) {
        Question question = pickQuestion(request);
        RetrieverKind retriever = RetrieverKind.parse(request.option("retriever",
                store.settings().retriever().name().toLowerCase(java.util.Locale.ROOT)));
        List<String> goldTexts = store.corpus().supportingTexts(question);
        session = new SearchQaSession(question, goldTexts, retriever, new InformationGain(goldTexts), new RedundancyPenalty());
        session.conversation.add(new ChatTurn("user", "Question: " + question.text()));
        Double initialBelief = request.options().get("belief") instanceof Number n ? n.doubleValue() : null;
        BeliefTracker.Reading p0 = beliefs.read(query(initialBelief));
        session.belief = p0.value();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", question.id());
        info.put("split", question.split());
        info.put("question", question.text());
        info.put("hops", question.hops().size());
        info.put("retriever", session.retriever.name().toLowerCase(java.util.Locale.ROOT));
        info.put("belief_source", beliefs.source());
        if (p0.value() != null) {
            info.put("belief", p0.value());
        }
        if (request.privileged()) {
            info.put("gold", gold(question));
        }
        return new Start(observe(null), info);
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
     * The step rewards of a search or an open: what the agent was shown is the step's retrieved
     * set D_t for StepSearch's information gain and redundancy, and new evidence for the belief.
     */
    private Transition retrieved(SearchQaAction a, List<String> shown, List<String> ids) {
        double gain = session.informationGain.step(shown);
        // 0.0 - x, not -x: a zero penalty must not be -0.0 on the wire.
        double redundant = session.redundancy.step(shown);
        if (session.informationGain.goldCount() == 0) {
            // StepSearch emits no step scores at all without gold paragraphs, the penalty included.
            redundant = 0;
        }
        session.seen.addAll(ids);
        session.evidence.addAll(shown);
        Observation observation = observe(null);
        session.conversation.add(new ChatTurn("assistant", describe(a)));
        session.conversation.add(new ChatTurn("tool", observation.text()));
        List<RewardComponent> rewards = new ArrayList<>();
        rewards.add(new RewardComponent(INFORMATION_GAIN, gain, STEP_WEIGHT, SOURCE_TFIDF, RewardKind.STEP));
        rewards.add(new RewardComponent(REDUNDANCY_PENALTY, 0.0 - redundant, STEP_WEIGHT, SOURCE_REDUNDANCY, RewardKind.PENALTY));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("retrieved", ids);
        info.put("gold_retrieved", (int) ids.stream().filter(session.question.supportingDocumentIds()::contains).count());
        rewards.add(beliefGain(a.belief(), info));
        return new Transition(observation, rewards, false, false, info);
    }

    /** IGPO's turn reward p_t − p_{t−1}; 0 and reported in {@code info.unavailable} when either belief is missing. */
    private RewardComponent beliefGain(Double trainerBelief, Map<String, Object> info) {
        BeliefTracker.Reading p = beliefs.read(query(trainerBelief));
        double gain = 0;
        if (p.value() != null && session.belief != null) {
            gain = p.value() - session.belief;
            info.put("belief", p.value());
        } else {
            info.put("unavailable", Map.of(BELIEF_GAIN, p.value() == null ? p.error()
                    : "no belief for the previous turn to compare with"));
            if (p.value() != null) {
                info.put("belief", p.value());
            }
        }
        session.belief = p.value();
        return new RewardComponent(BELIEF_GAIN, gain, 1.0, beliefs.source(), RewardKind.STEP);
    }

    private BeliefQuery query(Double trainerBelief) {
        Question q = session.question;
        return new BeliefQuery(q.text(), session.conversation, q.answer(), session.goldTexts, session.evidence, trainerBelief);
    }

    private Transition answer(SearchQaAction a) {
        Question q = session.question;
        session.done = true;
        session.answer = a.argument();
        session.document = null;
        AnswerScore s = AnswerScore.of(a.argument(), a.formatValid(), q, session.queries);
        session.score = s.f1();
        List<RewardComponent> rewards = List.of(
                new RewardComponent(ANSWER_F1, s.f1(), 1.0, SOURCE_OUTCOME, RewardKind.OUTCOME),
                new RewardComponent(ANSWER_EM, s.exactMatch() ? 1.0 : 0.0, 0.0, SOURCE_OUTCOME, RewardKind.OUTCOME),
                new RewardComponent(SEARCH_KEY_MATCH, s.searchKeys(), SEARCH_KEY_WEIGHT, SOURCE_KEYS, RewardKind.OUTCOME),
                new RewardComponent(FORMAT_GATE, a.formatValid() ? 0.0 : -1.0, 1.0, SOURCE_OUTCOME, RewardKind.PENALTY));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("answer", a.argument());
        info.put("format_valid", a.formatValid());
        info.put("f1", s.f1());
        info.put("exact_match", s.exactMatch());
        info.put("search_key_score", s.searchKeys());
        info.put("gold_answer", q.answer());
        return new Transition(observe(null), rewards, true, false, info);
    }

    private Transition rejected(String error) {
        return Transition.of(observe(error), List.of(
                new RewardComponent(INVALID_ACTION, -1.0, INVALID_WEIGHT, SOURCE_ENV, RewardKind.PENALTY)), false);
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
