package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * BM25 over title and text, in one in-memory Lucene index. A title match counts {@value #TITLE_BOOST} times a
 * text match: questions name entities, and an entity's own page carries its name as title.
 *
 * <p>Analysis is Lucene's {@code EnglishAnalyzer} (as the shop's product index): Porter stemming lets
 * "founder"/"founded"/"founding" and "headquarters"/"headquartered" meet, and its stop words keep "the", "of",
 * "by" from ranking pages. The query is free text, never parsed as Lucene syntax, so {@code AND OR (*} is just
 * words; only its first {@value Retriever#MAX_QUERY_TERMS} terms count
 * (words left after stop-word removal; repeats count too, so the work per query is bounded).
 *
 * <p>Deterministic: documents are indexed in id order by one writer without merges, so Lucene's tie-break by
 * index order is a tie-break by document id.
 *
 * <pre>{@code
 * try (Retriever bm25 = new Bm25Retriever(corpus)) {
 *     bm25.search("Velmora Institute founded by", 5).get(0).title();   // "Velmora Institute"
 * }
 * }</pre>
 */
public final class Bm25Retriever implements Retriever {
    public static final float TITLE_BOOST = 2.0f;
    private static final String TITLE = "title";
    private static final String TEXT = "text";
    private static final String POSITION = "pos";

    private final List<Document> documents;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] positionOfDoc;

    public Bm25Retriever(Corpus corpus) {
        documents = corpus.documents().stream().sorted(Comparator.comparing(Document::id)).toList();
        try {
            IndexWriterConfig config = new IndexWriterConfig(QueryText.ANALYZER)
                    .setSimilarity(new BM25Similarity())
                    .setMergePolicy(NoMergePolicy.INSTANCE)
                    .setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < documents.size(); i++) {
                    Document d = documents.get(i);
                    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
                    doc.add(new StoredField(POSITION, i));
                    doc.add(new TextField(TITLE, d.title(), Field.Store.NO));
                    doc.add(new TextField(TEXT, d.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            positionOfDoc = new int[reader.maxDoc()];
            var stored = reader.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                positionOfDoc[doc] = stored.document(doc).getField(POSITION).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory BM25 index of " + corpus.name(), e);
        }
    }

    @Override
    public String name() {
        return "bm25";
    }

    @Override
    public List<SearchHit> search(String query, int k) {
        if (k <= 0 || !QueryText.searchable(query) || documents.isEmpty()) {
            return List.of();
        }
        Set<String> terms = QueryText.terms(query, MAX_QUERY_TERMS);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
            builder.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(builder.build(), Math.min(k, documents.size())).scoreDocs;
            List<SearchHit> out = new ArrayList<>(hits.length);
            for (ScoreDoc hit : hits) {
                Document d = documents.get(positionOfDoc[hit.doc]);
                out.add(new SearchHit(d.id(), d.title(), QueryText.snippet(d.text(), terms), hit.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed on the in-memory BM25 index", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
