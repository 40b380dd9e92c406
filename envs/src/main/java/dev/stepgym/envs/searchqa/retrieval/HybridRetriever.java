package dev.stepgym.envs.searchqa.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reciprocal-rank fusion of a sparse and a dense retriever: a document scores {@code Σ 1 / (60 + rank)} over the
 * two result lists (rank from 1), each cut at its top {@value #DEPTH} (or top k when more are asked for). RRF
 * needs no score calibration between BM25 and cosine, and k = 60 is the constant of Cormack et al. (2009) that
 * most hybrid search systems keep. A hit carries the sparse retriever's snippet when both found it. Equal fused
 * scores are ordered by document id.
 *
 * <p>The hybrid owns both retrievers: {@link #close()} closes them.
 *
 * <pre>{@code
 * Retriever hybrid = new HybridRetriever(new Bm25Retriever(corpus), new DenseRetriever(corpus, embedder));
 * }</pre>
 */
public final class HybridRetriever implements Retriever {
    public static final int RRF_K = 60;
    public static final int DEPTH = 50;

    private final Retriever sparse;
    private final Retriever dense;

    public HybridRetriever(Retriever sparse, Retriever dense) {
        this.sparse = Objects.requireNonNull(sparse, "sparse retriever");
        this.dense = Objects.requireNonNull(dense, "dense retriever");
    }

    @Override
    public String name() {
        return "hybrid(" + sparse.name() + "+" + dense.name() + ")";
    }

    @Override
    public List<SearchHit> search(String query, int k) {
        if (k <= 0) {
            return List.of();
        }
        int depth = Math.max(DEPTH, k);
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        Map<String, Double> fused = new LinkedHashMap<>();
        for (Retriever retriever : List.of(sparse, dense)) {
            List<SearchHit> results = retriever.search(query, depth);
            for (int rank = 1; rank <= results.size(); rank++) {
                SearchHit hit = results.get(rank - 1);
                hits.putIfAbsent(hit.documentId(), hit);
                fused.merge(hit.documentId(), 1.0 / (RRF_K + rank), Double::sum);
            }
        }
        List<String> ids = new ArrayList<>(fused.keySet());
        ids.sort(Comparator.comparing((String id) -> fused.get(id)).reversed().thenComparing(Comparator.naturalOrder()));
        List<SearchHit> out = new ArrayList<>(Math.min(k, ids.size()));
        for (String id : ids.subList(0, Math.min(k, ids.size()))) {
            SearchHit hit = hits.get(id);
            out.add(new SearchHit(id, hit.title(), hit.snippet(), fused.get(id)));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            sparse.close();
        } finally {
            dense.close();
        }
    }
}
