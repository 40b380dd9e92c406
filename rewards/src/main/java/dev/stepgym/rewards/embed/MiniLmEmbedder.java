package dev.stepgym.rewards.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * all-MiniLM-L6-v2 (int8-quantized ONNX) sentence embeddings with DJL + ONNX Runtime and the
 * Hugging Face tokenizer, both read from the classpath (the langchain4j model jar carries them at
 * its root; none of langchain4j's classes is used). Vectors are the attention-masked mean of the
 * last hidden state, L2-normalised: the same vectors langchain4j's model gives for texts up to
 * {@value #MAX_TOKENS} word pieces.
 *
 * <p>Long texts are cut to {@value #MAX_TOKENS} word pieces, [CLS] and [SEP] included: that is the
 * sentence-transformers {@code max_seq_length} of all-MiniLM-L6-v2 (its position table allows
 * 512, but it was trained on up to 256). langchain4j instead averages 510-piece chunks, so
 * vectors of texts longer than 256 pieces differ from langchain4j's.
 *
 * <p>Each {@link #embed(List)} call is one forward pass over the whole list, padded to its longest
 * text, in its own {@link NDManager} sub-manager that is closed before the call returns, so no
 * native memory accumulates across calls.
 *
 * <p>Thread-safe without a lock on the hot path: ONNX Runtime's {@code OrtSession.run} may be
 * called concurrently, DJL's ONNX block keeps no per-call state, the Rust tokenizer is
 * {@code Sync}, and every call allocates in its own sub-manager. A read-write lock only keeps
 * {@link #close()} from freeing the native session under a running call. To gather many
 * single-text calls into one forward pass, wrap this in a {@link BatchingEmbedder}.
 *
 * <pre>{@code
 * try (MiniLmEmbedder embedder = MiniLmEmbedder.load()) {
 *     float[][] v = embedder.embed(List.of("The cat sits on the mat", "A cat is sitting on a mat"));
 *     // unit vectors: their dot product is the cosine similarity, about 0.8 here
 * }
 * }</pre>
 */
public final class MiniLmEmbedder implements TextEmbedder {
    /** Length of every vector. */
    public static final int DIMENSION = 384;
    /** Word pieces per text after truncation, [CLS] and [SEP] included. */
    public static final int MAX_TOKENS = 256;

    private static final String ENGINE = "OnnxRuntime";

    static {
        // Before any DJL class initialises: Engine's initialiser would otherwise call home.
        DjlOffline.ensure();
    }

    private final MiniLmModel variant;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final Block block;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final AtomicLong forwardPasses = new AtomicLong();
    private boolean closed;

    private MiniLmEmbedder(MiniLmModel variant, Model model, HuggingFaceTokenizer tokenizer) {
        this.variant = variant;
        this.model = model;
        this.tokenizer = tokenizer;
        this.block = model.getBlock();
    }

    /**
     * Loads {@link MiniLmModel#FULL_PRECISION} on {@link Devices#best(ai.djl.engine.Engine)} for ONNX Runtime:
     * the default because its vectors do not depend on the other texts of a batch, so batched
     * rewards and dense retrieval stay deterministic under any load.
     */
    public static MiniLmEmbedder load() {
        return load(MiniLmModel.FULL_PRECISION);
    }

    /** Loads {@code variant} on {@link Devices#best(ai.djl.engine.Engine)} for ONNX Runtime. */
    public static MiniLmEmbedder load(MiniLmModel variant) {
        return load(variant, Devices.best(ai.djl.engine.Engine.getEngine(ENGINE)));
    }

    /**
     * Loads the model and tokenizer of {@code variant} from the classpath onto {@code device}.
     *
     * @throws IllegalStateException when a resource is missing or cannot be loaded
     */
    public static MiniLmEmbedder load(MiniLmModel variant, Device device) {
        HuggingFaceTokenizer tokenizer = loadTokenizer(variant);
        Model model = Model.newInstance(variant.modelName(), device, ENGINE);
        try (InputStream in = open(variant, variant.modelResource())) {
            // ONNX Runtime builds its session from the bytes: no temp file, no model zoo lookup.
            model.load(in, Map.of());
            return new MiniLmEmbedder(variant, model, tokenizer);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            tokenizer.close();
            throw new IllegalStateException("cannot load " + variant.modelResource() + " on " + device + ": " + e, e);
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(MiniLmModel variant) {
        try (InputStream in = open(variant, variant.tokenizerResource())) {
            // The json asks for fixed padding to 128 and truncation at 128; pad each batch to its
            // longest text instead and truncate at the model's sentence length.
            return HuggingFaceTokenizer.newInstance(in, Map.of(
                    "padding", "true",
                    "truncation", "true",
                    "maxLength", Integer.toString(MAX_TOKENS),
                    "addSpecialTokens", "true"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + variant.tokenizerResource() + ": " + e, e);
        }
    }

    private static InputStream open(MiniLmModel variant, String resource) {
        InputStream in = MiniLmEmbedder.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath; it ships in "
                    + variant.artifact());
        }
        return in;
    }

    /** One vector for one text. */
    public float[] embedOne(String text) {
        return embed(List.of(requireText(text, 0)))[0];
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        if (texts.isEmpty()) {
            return new float[0][];
        }
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts.get(i), i);
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(variant.modelName() + " embedder is closed");
            }
            return forward(tokenizer.batchEncode(texts));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private float[][] forward(Encoding[] encodings) {
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(encodings[b].getIds(), 0, ids, b * length, length);
            System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * length, length);
            System.arraycopy(encodings[b].getTypeIds(), 0, types, b * length, length);
        }
        Shape shape = new Shape(batch, length);
        float[] hidden;
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList(
                    named(scope.create(ids, shape), "input_ids"),
                    named(scope.create(mask, shape), "attention_mask"),
                    named(scope.create(types, shape), "token_type_ids"));
            // The ONNX block attaches its outputs to the inputs' manager: they die with the scope.
            NDList outputs = block.forward(new ParameterStore(scope, false), inputs, false);
            hidden = outputs.get(0).toFloatArray();
        }
        forwardPasses.incrementAndGet();
        return meanPoolAndNormalise(hidden, mask, batch, length);
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /**
     * ONNX Runtime's NDArray has no arithmetic of its own (DJL would need a second engine), so the
     * pooling runs here: a few hundred thousand multiply-adds, small next to the forward pass.
     */
    static float[][] meanPoolAndNormalise(float[] hidden, long[] mask, int batch, int length) {
        int dim = hidden.length / (batch * length);
        float[][] vectors = new float[batch][dim];
        for (int b = 0; b < batch; b++) {
            float[] v = vectors[b];
            int tokens = 0;
            for (int t = 0; t < length; t++) {
                if (mask[b * length + t] == 0) {
                    continue;
                }
                tokens++;
                int offset = (b * length + t) * dim;
                for (int d = 0; d < dim; d++) {
                    v[d] += hidden[offset + d];
                }
            }
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                v[d] /= Math.max(tokens, 1);
                norm += (double) v[d] * v[d];
            }
            float scale = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
            for (int d = 0; d < dim; d++) {
                v[d] *= scale;
            }
        }
        return vectors;
    }

    private static String requireText(String text, int index) {
        if (text == null) {
            throw new IllegalArgumentException("text " + index + " is null");
        }
        return text;
    }

    /** Forward passes run so far: one per non-empty {@link #embed(List)} call. */
    public long forwardPasses() {
        return forwardPasses.get();
    }

    /** NDArrays still attached under the model's manager; constant between calls when nothing leaks. */
    int liveArrays() {
        return ((BaseNDManager) model.getNDManager()).getManagedArrays().size();
    }

    /** The device the model runs on. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String name() {
        return variant.modelName();
    }

    /** Which build of the model this is. */
    public MiniLmModel variant() {
        return variant;
    }

    /** Frees the native session and tokenizer after calls in flight finish; idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            tokenizer.close();
            model.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
