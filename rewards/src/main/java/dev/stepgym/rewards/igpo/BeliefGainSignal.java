package dev.stepgym.rewards.igpo;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.scoring.BeliefQuery;
import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import dev.stepgym.rewards.scoring.BeliefScorers;
import dev.stepgym.rewards.scoring.ScorerConfig;
import dev.stepgym.rewards.scoring.SharedModels;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.StepScope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code belief_gain}: IGPO's turn reward {@code p_t − p_{t−1}} ({@link BeliefGain}) on every step
 * that retrieved documents (a tool turn), where {@code p_t} is the belief in the gold answer after
 * the turn, measured by the {@link dev.stepgym.rewards.scoring.BeliefScorer} its {@code scorer}
 * parameter names, and {@code p_{t−1}} the belief after the previous tool turn ({@code p_0}: before
 * any action).
 *
 * <p>Evidence. Context: {@code question}, {@code gold_answers} (the first is the one believed in),
 * {@code gold_docs} (the evidence proxy compares with them), optional {@code conversation} (the chat
 * turns before the first action, {@code [{"role","content"}]}) and {@code belief} (a trainer's
 * {@code p_0}). Steps: {@code retrieved_docs}, optional {@code turns} (the chat turns the step adds:
 * the action and what it showed) and {@code belief} (a trainer's {@code p_t}).
 *
 * <p>Parameters: {@code scorer}, the scorer settings without their {@code scorer.} prefix
 * ({@link ScorerConfig}; default {@code {"type": "proxy"}}; an API key is named by
 * {@code api_key_env}, the environment variable holding it, because parameters are recorded in
 * every trajectory header); {@code timeout_ms}, how long a step waits for a belief (default 5,000).
 *
 * <p>Scoring is asynchronous: the belief requests of concurrent episodes meet in the scorer's
 * micro-batches, and a scorer is built once per configuration ({@link SharedModels}). A scorer that
 * is down, slow or wrong never fails the step: when either belief is missing the value is 0, as
 * before rewards left the environment, and the reason is logged (at most once a minute); the
 * component cannot carry it (see docs/rewards.md). Beliefs already measured are
 * remembered for a while, so {@code p_{t−1}} is not asked of the model twice.
 */
public final class BeliefGainSignal extends DeclaredSignal {
    public static final String NAME = "belief_gain";
    public static final String SCORER = "scorer";
    public static final String TIMEOUT_MS = "timeout_ms";
    public static final int DEFAULT_TIMEOUT_MS = 5_000;
    /** Beliefs remembered per bound signal: enough for the previous turn of many concurrent episodes. */
    static final int REMEMBERED = 512;
    private static final int STRIPES = 16;

    private static final System.Logger LOG = System.getLogger(BeliefGainSignal.class.getName());
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    /** Its {@link #source()} is the default scorer's source; a pipeline's component carries {@link #source(SignalParams)}. */
    public BeliefGainSignal() {
        super(NAME, RewardKind.STEP, BeliefScorers.sourceOf(ScorerConfig.defaults()), 1.0);
    }

    @Override
    public String source(SignalParams params) {
        return BeliefScorers.sourceOf(scorerConfig(params));
    }

    @Override
    public java.util.Set<String> serverOnlyParams() {
        return java.util.Set.of(SCORER); // an endpoint to call or a model folder to load: the server's choice, never a client's
    }

    /** The built-in proxy and the trainer's own beliefs reach nothing outside the server: a client may pick them. */
    @Override
    public boolean clientMaySet(String param, Object value) {
        return SCORER.equals(param) && value instanceof Map<?, ?> scorer && scorer.keySet().equals(java.util.Set.of("type"))
                && List.of(ScorerConfig.Type.PROXY.wireName(), ScorerConfig.Type.TRAINER.wireName()).contains(scorer.get("type"));
    }

    @Override
    public Map<String, Object> defaultParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(SCORER, Map.of("type", ScorerConfig.Type.PROXY.wireName()));
        params.put(TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
        return params;
    }

    @Override
    public Bound bind(SignalParams params) {
        ScorerConfig config = scorerConfig(params);
        int timeoutMs = params.integer(TIMEOUT_MS);
        if (timeoutMs < 1 || timeoutMs > 600_000) {
            throw new IllegalArgumentException("signal " + NAME + ": parameter \"" + TIMEOUT_MS
                    + "\" must be between 1 and 600000, got " + timeoutMs);
        }
        SharedModels.admit(config);
        return new Scoring(config, timeoutMs);
    }

    /**
     * The {@link ScorerConfig} of the {@code scorer} parameter.
     *
     * @throws IllegalArgumentException naming the signal and the setting that is wrong
     */
    static ScorerConfig scorerConfig(SignalParams params) {
        Object raw = params.values().get(SCORER);
        if (!(raw instanceof Map<?, ?> given)) {
            throw new IllegalArgumentException("signal " + NAME + ": parameter \"" + SCORER
                    + "\" must be an object of scorer settings, e.g. {\"type\": \"trainer\"}, got " + raw);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (key.equals("api_key")) {
                throw new IllegalArgumentException("signal " + NAME + ": put the API key in an environment variable and name it with "
                        + SCORER + ".api_key_env; parameters are recorded in every trajectory header");
            }
            if (!(value instanceof String || value instanceof Number)) {
                throw new IllegalArgumentException("signal " + NAME + ": " + SCORER + "." + key + " must be a string or a number, got " + value);
            }
            String text = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? Long.toString(n.longValue()) : String.valueOf(value);
            if (key.equals("api_key_env")) {
                String secret = System.getenv(text);
                if (secret == null || secret.isBlank()) {
                    throw new IllegalArgumentException("signal " + NAME + ": " + SCORER + ".api_key_env names " + text + ", which is not set");
                }
                settings.put(ScorerConfig.PREFIX + "api_key", secret);
            } else {
                settings.put(ScorerConfig.PREFIX + key, text);
            }
        }
        try {
            return ScorerConfig.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signal " + NAME + ": parameter \"" + SCORER + "\": " + e.getMessage(), e);
        }
    }

    /** A belief, or why there is none. */
    record Reading(Double value, String error) {
        static Reading missing(String error) {
            return new Reading(null, error);
        }
    }

    private static final class Scoring implements Bound {
        private final ScorerConfig config;
        private final int timeoutMs;
        /**
         * Sixteen least-recently-used maps of {@code REMEMBERED / STRIPES} beliefs each, chosen by
         * the query's hash: concurrent episodes mostly take different locks (one lock for all had
         * most of 64 episodes' steps waiting on it).
         */
        private final List<Map<BeliefQuery, CompletableFuture<Reading>>> remembered = stripes();

        private static List<Map<BeliefQuery, CompletableFuture<Reading>>> stripes() {
            List<Map<BeliefQuery, CompletableFuture<Reading>>> stripes = new ArrayList<>(STRIPES);
            for (int i = 0; i < STRIPES; i++) {
                stripes.add(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<BeliefQuery, CompletableFuture<Reading>> eldest) {
                        return size() > REMEMBERED / STRIPES;
                    }
                }));
            }
            return stripes;
        }

        Scoring(ScorerConfig config, int timeoutMs) {
            this.config = config;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public CompletionStage<OptionalDouble> score(StepScope step) {
            if (!step.current().has("retrieved_docs")) {
                return CompletableFuture.completedFuture(OptionalDouble.empty());
            }
            List<Evidence> steps = step.soFar();
            int now = steps.size() - 1;
            int before = now - 1;
            while (before >= 0 && !steps.get(before).has("retrieved_docs")) {
                before--;
            }
            CompletableFuture<Reading> current = read(query(step, steps, now));
            CompletableFuture<Reading> previous = read(query(step, steps, before));
            return current.thenCombine(previous, (p, q) -> {
                if (p.value() == null) {
                    warn(p.error());
                    return OptionalDouble.of(0.0);
                }
                if (q.value() == null) {
                    warn("no belief for the previous turn to compare with (" + q.error() + ")");
                    return OptionalDouble.of(0.0);
                }
                return OptionalDouble.of(new BeliefGain(q.value()).step(p.value()));
            });
        }

        /** The belief query after step {@code upTo} (0-based; −1: before any action). */
        private static BeliefQuery query(StepScope step, List<Evidence> steps, int upTo) {
            Evidence context = step.context();
            List<ChatTurn> conversation = new ArrayList<>();
            if (context.has("conversation")) {
                conversation.addAll(turns(context.objects("conversation")));
            }
            List<String> evidence = new ArrayList<>();
            for (int i = 0; i <= upTo; i++) {
                Evidence e = steps.get(i);
                if (e.has("turns")) {
                    conversation.addAll(turns(e.objects("turns")));
                }
                if (e.has("retrieved_docs")) {
                    evidence.addAll(e.strings("retrieved_docs"));
                }
            }
            Evidence beliefAt = upTo < 0 ? context : steps.get(upTo);
            Double trainerBelief = beliefAt.has("belief") ? beliefAt.number("belief") : null;
            List<String> golds = context.strings("gold_answers");
            if (golds.isEmpty()) {
                throw new dev.stepgym.rewards.signal.MissingEvidenceException(NAME, "gold_answers",
                        "context field \"gold_answers\" must hold at least the answer");
            }
            return new BeliefQuery(context.string("question"), conversation, golds.get(0), context.strings("gold_docs"),
                    evidence, trainerBelief);
        }

        private static List<ChatTurn> turns(List<Evidence> raw) {
            List<ChatTurn> out = new ArrayList<>();
            for (Evidence turn : raw) {
                out.add(new ChatTurn(turn.string("role"), turn.string("content")));
            }
            return out;
        }

        private CompletableFuture<Reading> read(BeliefQuery query) {
            // Hash the query's texts (the whole conversation) before taking the map's lock: a String
            // keeps its hash, so under the lock only the cached hashes are combined. Under 64
            // concurrent episodes the lock was otherwise held for every step's full-text hash.
            int hash = query.hashCode();
            Map<BeliefQuery, CompletableFuture<Reading>> stripe = remembered.get(Math.floorMod(hash ^ (hash >>> 16), STRIPES));
            CompletableFuture<Reading> known = stripe.get(query);
            if (known != null) {
                return known;
            }
            CompletableFuture<Reading> reading = ask(query);
            CompletableFuture<Reading> raced = stripe.putIfAbsent(query, reading);
            return raced != null ? raced : reading;
        }

        private CompletableFuture<Reading> ask(BeliefQuery query) {
            CompletableFuture<Double> future;
            try {
                future = SharedModels.beliefScorer(config).belief(query);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(Reading.missing("scorer failed: " + e.getMessage()));
            }
            return future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((p, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        return Reading.missing("scorer gave no answer within " + timeoutMs + " ms");
                    }
                    return Reading.missing("scorer unavailable: " + cause.getMessage());
                }
                if (p == null || !(p >= 0 && p <= 1)) {
                    return Reading.missing("scorer returned " + p + ", not a probability");
                }
                return new Reading(p, null);
            });
        }

        private void warn(String reason) {
            long now = System.nanoTime();
            if (now - lastWarning >= WARN_EVERY_NANOS) {
                lastWarning = now;
                LOG.log(System.Logger.Level.WARNING, "belief_gain is 0 on some steps: the {0} scorer gave no belief: {1}",
                        BeliefScorers.sourceOf(config), reason);
            }
        }
    }
}
