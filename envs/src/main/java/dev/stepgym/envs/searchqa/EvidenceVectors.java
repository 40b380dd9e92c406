package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.rewards.embed.TextEmbedder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The MiniLM vectors of every corpus text a searchqa step can hand the reward layer: what a search
 * shows ({@code title + "\n" + snippet}, one per sentence of each document), what an open shows
 * ({@code title + "\n" + text}) and the gold passages (the documents' texts). They are embedded
 * once per machine, kept in the on-disk cache next to the dense index's vectors, and pinned in the
 * process's shared embedder, so the belief proxy embeds nothing on a step's critical path; only
 * free-form texts (dense retrieval's queries) still go through the model, batched across episodes.
 *
 * <pre>{@code
 * List<String> texts = EvidenceVectors.texts(corpus);
 * float[][] vectors = EvidenceVectors.loadOrCompute(corpus, model, cacheDir, System.err);
 * }</pre>
 */
final class EvidenceVectors {
    private EvidenceVectors() {
    }

    /** Every evidence and gold text of the corpus, each once, in corpus order. */
    static List<String> texts(Corpus corpus) {
        Set<String> gold = new java.util.HashSet<>();
        for (var q : corpus.questions()) {
            gold.addAll(q.supportingDocumentIds());
        }
        Set<String> texts = new LinkedHashSet<>();
        for (Document d : corpus.documents()) {
            texts.add(d.title() + "\n" + d.text());
            if (gold.contains(d.id())) { // a gold passage: only documents that support some question
                texts.add(d.text());
            }
            for (String snippet : SearchHit.possibleSnippets(d.text())) {
                texts.add(d.title() + "\n" + snippet);
            }
        }
        return new ArrayList<>(texts);
    }

    /**
     * The vectors of {@link #texts}, read from {@code dir} or computed with {@code model} (then
     * stored), with a progress line on {@code log} at every tenth while computing.
     */
    static float[][] loadOrCompute(Corpus corpus, List<String> texts, TextEmbedder model, Path dir, PrintStream log) {
        return DocumentVectorCache.loadOrCompute("evidence", texts, model, dir, progressLine(corpus, dir, log));
    }

    private static BiConsumer<Integer, Integer> progressLine(Corpus corpus, Path dir, PrintStream log) {
        int[] lastTenth = {-1};
        long started = System.nanoTime();
        return (done, total) -> {
            int tenth = done * 10 / Math.max(1, total);
            if (tenth != lastTenth[0]) {
                lastTenth[0] = tenth;
                double seconds = (System.nanoTime() - started) / 1e9;
                log.printf(Locale.ROOT, "searchqa: embedding the %s corpus texts once (kept in %s): %d/%d (%d%%, %.0f s)%n",
                        corpus.name(), dir, done, total, done * 100L / Math.max(1, total), seconds);
            }
        };
    }
}
