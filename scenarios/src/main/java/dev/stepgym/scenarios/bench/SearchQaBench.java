package dev.stepgym.scenarios.bench;

import dev.stepgym.envs.searchqa.SearchQaEnvironment;
import dev.stepgym.envs.searchqa.SearchQaEnvironmentFactory;
import dev.stepgym.envs.searchqa.SearchQaEnvironmentProvider;
import dev.stepgym.envs.searchqa.SearchQaStore;
import dev.stepgym.envs.searchqa.retrieval.Retriever;
import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.rewards.embed.EmbeddingBench;
import dev.stepgym.rewards.embed.MiniLmEmbedder;
import dev.stepgym.rewards.scoring.BeliefQuery;
import dev.stepgym.rewards.stepsearch.InformationGain;
import dev.stepgym.rewards.stepsearch.RedundancyPenalty;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stepgym bench searchqa}: side by side in one run, on the default world,
 * <ul>
 *   <li>search latency of each retriever (BM25, dense MiniLM, hybrid) alone, query embedding
 *       included (uncached), and as a whole environment step (retrieval + StepSearch rewards +
 *       belief proxy + rendering) with the shared text-vector cache warm, as in steady use;</li>
 *   <li>the reward computation per step: information gain and redundancy, and the belief proxy;</li>
 *   <li>batched embedding throughput (single texts from many threads through the micro-batcher)
 *       against DJL's raw batch inference (target ≥ 80%).</li>
 * </ul>
 */
public final class SearchQaBench {
    private SearchQaBench() {
    }

    /**
     * @param queries    search queries measured per retriever (hop queries of dev and test questions)
     * @param embedTexts texts per side of the embedding comparison
     * @param batch      raw batch size, and the batcher's largest batch
     * @param threads    threads submitting single texts to the batcher
     * @param smallWorld use the small world (quick runs), not the default one
     * @param load       the many-socket load run first on a fresh server; null: none
     */
    public record Settings(int queries, int embedTexts, int batch, int threads, boolean smallWorld, Load load) {
    }

    /**
     * searchqa as a trainer drives it: {@code episodes} concurrent episodes on one server, each on its
     * own WebSocket, reset → 10 steps → close, repeated; steps/s and step p50/p99 after the warm-up.
     */
    public record Load(int episodes, java.time.Duration warmup, java.time.Duration measure, int workerThreads) {
        /** A load on a server with the default worker threads. */
        public Load(int episodes, java.time.Duration warmup, java.time.Duration measure) {
            this(episodes, warmup, measure, 0);
        }
    }

    /** Latency percentiles of one measured thing, in milliseconds. */
    record Row(String what, int samples, double p50, double p99) {
    }

    public static List<Row> run(Settings settings, PrintStream out) {
        List<Row> rows = new ArrayList<>();
        Map<String, String> envSettings = settings.smallWorld() ? Map.of("world", "small") : Map.of();
        if (settings.load() != null && settings.load().episodes() > 0) {
            runLoad(settings.load(), envSettings, out);
        }
        long t0 = System.nanoTime();
        try (SearchQaEnvironmentFactory factory = new SearchQaEnvironmentProvider().open(envSettings)) {
            SearchQaStore store = factory.store();
            Corpus corpus = store.corpus();
            out.printf(Locale.ROOT, "searchqa bench (%d cores): %d documents, %d questions; world + BM25 index built in %.1f s%n",
                    Runtime.getRuntime().availableProcessors(), corpus.documents().size(), corpus.questions().size(),
                    seconds(t0));
            List<Probe> probes = probes(corpus, settings.queries());
            long t1 = System.nanoTime();
            store.embedder();
            out.printf(Locale.ROOT, "MiniLM loaded in %.1f s%n", seconds(t1));
            long t2 = System.nanoTime();
            store.retriever(RetrieverKind.DENSE);
            out.printf(Locale.ROOT, "dense index (%d documents embedded once, reused by every episode) built in %.1f s%n",
                    corpus.documents().size(), seconds(t2));
            Map<RetrieverKind, Row> retrieval = new EnumMap<>(RetrieverKind.class);
            for (RetrieverKind kind : RetrieverKind.values()) {
                retrieval.put(kind, retrieval(store, kind, probes));
                rows.add(retrieval.get(kind));
                rows.add(steps(factory, kind, probes));
            }
            rows.add(stepSearchRewards(store, probes));
            rows.add(beliefProxy(store, probes, true));
            rows.add(beliefProxy(store, probes, false));
            print(rows, out);
        }
        try (MiniLmEmbedder raw = MiniLmEmbedder.load()) {
            EmbeddingBench.Result r = EmbeddingBench.compare(raw, settings.embedTexts(), settings.batch(), settings.threads());
            out.printf(Locale.ROOT, "%nbatched embedding vs DJL raw batch inference (%d texts each, batch %d, %d threads):%n",
                    r.texts(), r.batchSize(), r.threads());
            out.printf(Locale.ROOT, "| raw texts/s | batched texts/s | mean batch formed | batched/raw |%n|---:|---:|---:|---:|%n");
            out.printf(Locale.ROOT, "| %.0f | %.0f | %.1f | %.2f |%n", r.rawTextsPerSecond(), r.batchedTextsPerSecond(),
                    r.meanBatchSize(), r.ratio());
            out.printf(Locale.ROOT, "batched/raw: %.2f (target >= 0.80: %s)%n", r.ratio(), r.ratio() >= 0.8 ? "met" : "NOT met");
        }
        return rows;
    }

    /**
     * The many-socket load on a fresh server, printed. The corpus texts are embedded first (read from
     * the on-disk cache after the first run), as a server's first episode starts them, so that the
     * figure is steady use, not first start.
     */
    public static void runLoad(Load load, Map<String, String> envSettings, PrintStream out) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(envSettings);
        settings.put("evidence_vectors", "true");
        try (SearchQaEnvironmentFactory factory = new SearchQaEnvironmentProvider().open(settings)) {
            long t0 = System.nanoTime();
            int pinned = factory.store().warmEvidenceVectors().join();
            out.printf(Locale.ROOT, "corpus texts embedded ahead of time: %d (%.1f s; read from the cache after the first run)%n",
                    pinned, seconds(t0));
        }
        try {
            SearchQaSocketLoad.Result r = SearchQaSocketLoad.run(new SearchQaSocketLoad.Settings(load.episodes(),
                    load.warmup(), load.measure(), settings, load.workerThreads()), out);
            SearchQaSocketLoad.print(r, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the searchqa load run was interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the searchqa load run failed: " + e, e);
        }
    }

    /** A hop query with its question, so a step can be measured in the right episode. */
    private record Probe(Question question, Hop hop) {
    }

    private static List<Probe> probes(Corpus corpus, int count) {
        List<Probe> probes = new ArrayList<>();
        for (String split : List.of("dev", "test", "train")) {
            for (Question q : corpus.questions(split)) {
                for (Hop hop : q.hops()) {
                    if (probes.size() == count) {
                        return probes;
                    }
                    probes.add(new Probe(q, hop));
                }
            }
        }
        return probes;
    }

    private static Row retrieval(SearchQaStore store, RetrieverKind kind, List<Probe> probes) {
        Retriever retriever = store.retriever(kind);
        int k = store.settings().topK();
        warmUp(probes, p -> retriever.search(p.hop().query(), k));
        LatencyStats stats = new LatencyStats();
        for (Probe p : probes) {
            store.clearCaches(); // measure the search and the query's embedding, not a cache hit
            long start = System.nanoTime();
            retriever.search(p.hop().query(), k);
            stats.add(System.nanoTime() - start);
        }
        return row("retrieval " + kind.id() + " (top " + k + ")", stats);
    }

    private static Row steps(SearchQaEnvironmentFactory factory, RetrieverKind kind, List<Probe> probes) {
        Map<String, Object> options = Map.of("retriever", kind.id());
        warmUp(probes, p -> step(factory, options, p));
        LatencyStats stats = new LatencyStats();
        for (Probe p : probes) {
            SearchQaEnvironment env = factory.newEpisode();
            env.reset(new ResetRequest(1, p.question().id(), options, false));
            factory.store().forgetQueries(); // the search itself runs: only the text embeddings are warm
            long start = System.nanoTime();
            env.step(Action.text("search[" + p.hop().query() + "]"));
            stats.add(System.nanoTime() - start);
        }
        return row("env step search " + kind.id() + " (all rewards, warm text cache)", stats);
    }

    private static void step(SearchQaEnvironmentFactory factory, Map<String, Object> options, Probe p) {
        SearchQaEnvironment env = factory.newEpisode();
        env.reset(new ResetRequest(1, p.question().id(), options, false));
        env.step(Action.text("search[" + p.hop().query() + "]"));
    }

    /** StepSearch's information gain (TF-IDF refit per call, as its code does) and redundancy on BM25 results. */
    private static Row stepSearchRewards(SearchQaStore store, List<Probe> probes) {
        List<List<String>> shown = shownTexts(store, probes);
        LatencyStats stats = new LatencyStats();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < probes.size(); i++) {
                InformationGain gain = new InformationGain(store.corpus().supportingTexts(probes.get(i).question()));
                RedundancyPenalty redundancy = new RedundancyPenalty();
                long start = System.nanoTime();
                gain.step(shown.get(i));
                redundancy.step(shown.get(i));
                if (round == 1) {
                    stats.add(System.nanoTime() - start);
                }
            }
        }
        return row("reward: information gain + redundancy", stats);
    }

    /** The default belief scorer (MiniLM evidence proxy) on the same results; vectors of recurring texts are cached. */
    private static Row beliefProxy(SearchQaStore store, List<Probe> probes, boolean cold) {
        List<List<String>> shown = shownTexts(store, probes);
        if (!cold) {
            for (int i = 0; i < probes.size(); i++) { // fill the cache: the measured pass then embeds nothing
                Question q = probes.get(i).question();
                store.scorer().belief(new BeliefQuery(q.text(), List.of(), q.answer(), store.corpus().supportingTexts(q), shown.get(i), null)).join();
            }
        }
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < probes.size(); i++) {
            Question q = probes.get(i).question();
            BeliefQuery query = new BeliefQuery(q.text(), List.of(), q.answer(), store.corpus().supportingTexts(q), shown.get(i), null);
            if (cold) {
                store.clearCaches(); // evidence and gold passages embedded afresh: the uncached cost
            }
            long start = System.nanoTime();
            store.scorer().belief(query).join();
            stats.add(System.nanoTime() - start);
        }
        return row("reward: belief (" + store.scorer().source() + ", " + (cold ? "uncached texts" : "cached texts") + ")", stats);
    }

    private static List<List<String>> shownTexts(SearchQaStore store, List<Probe> probes) {
        Retriever bm25 = store.retriever(RetrieverKind.BM25);
        List<List<String>> shown = new ArrayList<>();
        for (Probe p : probes) {
            List<String> texts = new ArrayList<>();
            for (SearchHit hit : bm25.search(p.hop().query(), store.settings().topK())) {
                texts.add(hit.title() + "\n" + hit.snippet());
            }
            shown.add(texts);
        }
        return shown;
    }


    private static void warmUp(List<Probe> probes, java.util.function.Consumer<Probe> action) {
        for (int i = 0; i < Math.min(50, probes.size()); i++) {
            action.accept(probes.get(i));
        }
    }

    private static Row row(String what, LatencyStats stats) {
        return new Row(what, stats.count(), stats.percentileMillis(50), stats.percentileMillis(99));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n| measured | samples | p50 ms | p99 ms |%n|---|---:|---:|---:|%n");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", r.what(), r.samples(), r.p50(), r.p99());
        }
    }
}
