package dev.stepgym.envs.shop.search;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
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
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * BM25 search over the catalog (Lucene, in memory). Built once per factory; {@link #search} is
 * thread-safe ({@link IndexSearcher} is) and deterministic: ties are broken by document order,
 * which is catalog order because the index is written by one thread without merges.
 *
 * <pre>{@code int[] hits = index.search("men's cotton polo shirt", 50);}</pre>
 */
public final class ProductIndex implements AutoCloseable {
    /** WebShop returns at most 50 products per search. */
    public static final int MAX_RESULTS = 50;
    /** Queries are cut to this many distinct terms: enough for any title, bounded for hostile input. */
    public static final int MAX_TERMS = 64;
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String INDEX = "idx";
    private static final float TITLE_BOOST = 2.0f;

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final int[] productOfDoc;

    public ProductIndex(Catalog catalog) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setSimilarity(new BM25Similarity())
                    .setMergePolicy(NoMergePolicy.INSTANCE)
                    .setRAMBufferSizeMB(64);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < catalog.size(); i++) {
                    writer.addDocument(document(catalog.get(i), i));
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            productOfDoc = new int[reader.maxDoc()];
            var stored = reader.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                productOfDoc[doc] = stored.document(doc).getField(INDEX).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory product index", e);
        }
    }

    private static Document document(Product p, int index) {
        Document doc = new Document();
        doc.add(new StoredField(INDEX, index));
        doc.add(new TextField(TITLE, p.name(), Field.Store.NO));
        StringBuilder body = new StringBuilder(p.query()).append('\n').append(p.productCategory()).append('\n');
        p.attributes().forEach(a -> body.append(a).append('\n'));
        p.options().values().forEach(vs -> vs.forEach(v -> body.append(v).append('\n')));
        p.bulletPoints().forEach(b -> body.append(b).append('\n'));
        body.append(p.description());
        doc.add(new TextField(BODY, body.toString(), Field.Store.NO));
        return doc;
    }

    /**
     * Product indices of the best matches, best first (at most {@code limit}); empty when the text
     * has no searchable term. Free text: no query syntax, so no input can make it fail.
     */
    public int[] search(String text, int limit) {
        Set<String> terms = terms(text);
        if (terms.isEmpty() || limit <= 0) {
            return new int[0];
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
            query.add(new TermQuery(new Term(BODY, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(query.build(), limit).scoreDocs;
            int[] out = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                out[i] = productOfDoc[hits[i].doc];
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed on the in-memory index", e);
        }
    }

    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
