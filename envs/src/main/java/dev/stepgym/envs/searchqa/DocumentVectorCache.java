package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.DenseRetriever;
import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.rewards.embed.TextEmbedder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The dense index's document vectors, kept on disk between runs. Embedding the default world takes
 * about two minutes on two cores, so it is done once per machine: the file is named by the model
 * and the corpus digest, so a changed corpus or model never reads stale vectors. A missing,
 * unreadable or mismatched file is recomputed; a file is written to a temporary name and moved
 * into place, so a crash never leaves a torn cache.
 */
final class DocumentVectorCache {
    private static final int MAGIC = 0x53475631; // "SGV1"

    private DocumentVectorCache() {
    }

    /**
     * Vectors of any list of texts, read from {@code dir} or computed with {@code model} in batches
     * of {@value DenseRetriever#BATCH} and stored there. The file is named by {@code kind}, the model
     * and the digest of the texts themselves. {@code progress} hears (done, total) after each batch.
     */
    static float[][] loadOrCompute(String kind, java.util.List<String> texts, TextEmbedder model, Path dir,
                                   java.util.function.BiConsumer<Integer, Integer> progress) {
        String digest = dev.stepgym.protocol.json.Json.sha256(texts).replace("sha256:", "");
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%s-%s.f32", kind, model.name(),
                digest.substring(0, Math.min(24, digest.length()))));
        float[][] cached = read(file, texts.size(), model.dimension());
        if (cached != null) {
            return cached;
        }
        // A batch is padded to its longest text: texts of like length go together, so short
        // snippets do not pay for whole documents (several times faster on a mixed corpus).
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += DenseRetriever.BATCH) {
            int to = Math.min(texts.size(), from + DenseRetriever.BATCH);
            java.util.List<String> slice = new java.util.ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                slice.add(texts.get(order[k]));
            }
            float[][] batch = model.embed(slice);
            if (batch.length != to - from) {
                throw new IllegalStateException("embedder " + model.name() + " returned " + batch.length
                        + " vectors for " + (to - from) + " texts");
            }
            for (int k = from; k < to; k++) {
                vectors[order[k]] = batch[k - from];
            }
            progress.accept(to, texts.size());
        }
        write(file, vectors, model.dimension());
        return vectors;
    }

    /** The corpus's document vectors from {@code dir}, or computed with {@code model} and stored there. */
    static float[][] loadOrCompute(Corpus corpus, TextEmbedder model, Path dir) {
        String digest = corpus.digest().replace("sha256:", "");
        Path file = dir.resolve(String.format(Locale.ROOT, "dense-%s-%s.f32", model.name(),
                digest.substring(0, Math.min(24, digest.length()))));
        float[][] cached = read(file, corpus.documents().size(), model.dimension());
        if (cached != null) {
            return cached;
        }
        float[][] vectors = DenseRetriever.embedDocuments(corpus, model);
        write(file, vectors, model.dimension());
        return vectors;
    }

    private static float[][] read(Path file, int count, int dimension) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != count || in.readInt() != dimension) {
                return null;
            }
            float[][] vectors = new float[count][dimension];
            for (float[] row : vectors) {
                for (int j = 0; j < dimension; j++) {
                    row[j] = in.readFloat();
                }
            }
            return vectors;
        } catch (IOException e) {
            return null; // a torn or foreign file: recompute
        }
    }

    private static void write(Path file, float[][] vectors, int dimension) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.length);
                out.writeInt(dimension);
                for (float[] row : vectors) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The cache is an optimisation: a read-only disk costs time, not correctness.
            System.err.println("stepgym: could not store document vectors in " + file + ": " + e.getMessage());
        }
    }
}
