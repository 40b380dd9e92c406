package dev.stepgym.rewards.scoring;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.stepgym.rewards.batch.MicroBatcher;
import dev.stepgym.rewards.embed.Devices;
import dev.stepgym.rewards.embed.DjlOffline;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * IGPO's {@code p_t} from a local causal language model loaded with DJL and ONNX Runtime: a directory
 * with {@code model.onnx} (input {@code input_ids} int64 {@code [batch, seq]}, optionally
 * {@code attention_mask} and {@code position_ids}; first output, or the one named {@code logits},
 * float32 {@code [batch, seq, vocab]}) and a Hugging Face {@code tokenizer.json}. An export without past
 * key values, e.g. {@code optimum-cli export onnx --task text-generation --model Qwen/Qwen2.5-0.5B-Instruct dir/},
 * fits.
 *
 * <pre>{@code
 * ScorerConfig config = ScorerConfig.parse(Map.of("scorer.type", "djl", "scorer.model_dir", "/models/qwen-onnx"));
 * try (BeliefScorer scorer = new DjlCausalLmScorer(config)) {
 *     double p = scorer.belief(query).join();
 * }
 * }</pre>
 *
 * <p>The context, the pseudo-answer prefix and the gold answer are tokenised separately, without
 * special tokens, and their ids concatenated, so the gold span is exact (docs/reward-methods.md §2.1,
 * [INFERRED] note). The log-prob of gold token {@code j} is the log-softmax of the logits at position
 * {@code j - 1}, read at {@code ids[j]}; {@code p = exp(mean)}. The suffix is not fed: in a causal
 * model no later token changes the gold tokens' log-probs.
 *
 * <p>Concurrent queries are batched by a {@link MicroBatcher} into one forward pass, right-padded with
 * an attention mask; every NDArray of a batch lives in a sub-manager closed when the batch ends. The
 * whole logits tensor of a batch is copied to the host ({@code batch * seq * vocab * 4} bytes), so a
 * large-vocabulary model wants a small {@code scorer.max_batch}. TorchScript ({@code .pt}) models
 * would need the PyTorch engine, which the project does not ship; such a directory is refused with
 * a message saying so.
 */
public final class DjlCausalLmScorer implements BeliefScorer {
    /** The model file the directory must hold. */
    public static final String MODEL_FILE = "model.onnx";
    /** The tokenizer file the directory must hold. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String POSITION_IDS = "position_ids";
    private static final Set<String> FED_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, POSITION_IDS);

    static {
        // Before any DJL class initialises: DJL's Engine would otherwise contact an outside address.
        DjlOffline.ensure();
    }

    private final String source;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> inputNames;
    private final MicroBatcher<Encoded, Double> batcher;

    /** The token ids fed for one query and where the gold answer lies in them: {@code [goldStart, goldEnd)}. */
    record Encoded(long[] ids, int goldStart, int goldEnd) {
    }

    /**
     * Loads the model and tokenizer from {@code config.modelDir()}.
     *
     * @throws IllegalArgumentException when the directory, model or tokenizer is missing or unusable
     */
    public DjlCausalLmScorer(ScorerConfig config) {
        Path dir = config.modelDir();
        if (dir == null) {
            throw new IllegalArgumentException("scorer.model_dir is required for a DJL causal LM scorer");
        }
        checkDirectory(dir);
        this.source = BeliefScorers.sourceOf(config);
        Model loaded = null;
        HuggingFaceTokenizer loadedTokenizer = null;
        try {
            loadedTokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(dir.resolve(TOKENIZER_FILE))
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            Engine engine = Engine.getEngine("OnnxRuntime");
            loaded = Model.newInstance(source, device(config.device(), engine), engine.getEngineName());
            loaded.load(dir, "model");
            this.inputNames = loaded.describeInput().keys();
            checkInputs(inputNames, dir);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (loaded != null) {
                loaded.close();
            }
            if (loadedTokenizer != null) {
                loadedTokenizer.close();
            }
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot load the causal LM in " + dir + ": " + e.getMessage(), e);
        }
        this.model = loaded;
        this.tokenizer = loadedTokenizer;
        this.batcher = new MicroBatcher<>("belief-djl", config.maxBatch(), config.maxWait(), this::scoreBatch);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public CompletableFuture<Double> belief(BeliefQuery query) {
        Encoded encoded;
        try {
            // Tokenised on the caller's thread: failures stay with their query, and episodes tokenise in parallel.
            encoded = encode(ChatPrompt.of(query));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(e.getMessage(), e));
        }
        return batcher.submit(encoded).exceptionallyCompose(e -> CompletableFuture.failedFuture(
                e instanceof BeliefUnavailableException ? e
                        : new BeliefUnavailableException("forward pass of " + source + " failed: " + rootMessage(e), e)));
    }

    @Override
    public void close() {
        batcher.close();
        model.close();
        tokenizer.close();
    }

    /** Context, prefix and gold tokenised apart and joined, so the gold span needs no offset arithmetic. */
    Encoded encode(ChatPrompt prompt) {
        long[] context = tokenizer.encode(prompt.context(), false, false).getIds();
        long[] prefix = tokenizer.encode(prompt.prefix(), false, false).getIds();
        long[] gold = tokenizer.encode(prompt.gold(), false, false).getIds();
        if (gold.length == 0) {
            throw new IllegalArgumentException("the gold answer '" + prompt.gold() + "' tokenises to no tokens");
        }
        int goldStart = context.length + prefix.length;
        if (goldStart == 0) {
            throw new IllegalArgumentException("context and prefix tokenise to no tokens: the first gold token has no position to be predicted from");
        }
        long[] ids = new long[goldStart + gold.length];
        System.arraycopy(context, 0, ids, 0, context.length);
        System.arraycopy(prefix, 0, ids, context.length, prefix.length);
        System.arraycopy(gold, 0, ids, goldStart, gold.length);
        return new Encoded(ids, goldStart, ids.length);
    }

    /** One forward pass for the batch; runs on the batcher's thread only, so the model is never shared. */
    private List<Double> scoreBatch(List<Encoded> batch) {
        int rows = batch.size();
        int seq = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        long[] ids = new long[rows * seq];
        long[] mask = new long[rows * seq];
        long[] positions = new long[rows * seq];
        for (int r = 0; r < rows; r++) {
            long[] row = batch.get(r).ids();
            for (int i = 0; i < row.length; i++) {
                ids[r * seq + i] = row[i];
                mask[r * seq + i] = 1;
                positions[r * seq + i] = i;
            }
            // Padding (id 0, mask 0) sits to the right, after every position a causal model reads for this row.
        }
        Shape shape = new Shape(rows, seq);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList();
            for (String name : inputNames) {
                long[] data = switch (name) {
                    case INPUT_IDS -> ids;
                    case ATTENTION_MASK -> mask;
                    default -> positions;
                };
                NDArray array = manager.create(data, shape);
                array.setName(name);
                inputs.add(array);
            }
            NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
            NDArray logits = outputs.get("logits") != null ? outputs.get("logits") : outputs.head();
            Shape logitsShape = logits.getShape();
            if (logitsShape.dimension() != 3 || logitsShape.get(0) != rows || logitsShape.get(1) != seq) {
                throw new IllegalStateException("model output " + logits.getName() + " has shape " + logitsShape
                        + "; expected logits [" + rows + ", " + seq + ", vocab]");
            }
            if (logits.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("model logits are " + logits.getDataType() + "; float32 is expected");
            }
            int vocab = Math.toIntExact(logitsShape.get(2));
            FloatBuffer values = logits.toByteBuffer().asFloatBuffer();
            List<Double> beliefs = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                beliefs.add(belief(values, batch.get(r), r, seq, vocab));
            }
            return beliefs;
        }
    }

    private static double belief(FloatBuffer logits, Encoded row, int r, int seq, int vocab) {
        double sum = 0;
        for (int j = row.goldStart(); j < row.goldEnd(); j++) {
            long target = row.ids()[j];
            if (target < 0 || target >= vocab) {
                throw new IllegalStateException("token id " + target + " is outside the model's vocabulary of " + vocab);
            }
            // Logits at position j-1 predict token j.
            sum += logSoftmaxAt(logits, ((long) r * seq + (j - 1)) * vocab, vocab, (int) target);
        }
        return Math.min(1.0, Math.exp(sum / (row.goldEnd() - row.goldStart())));
    }

    /** {@code log softmax(row)[target]} for the {@code vocab} logits starting at {@code offset}, stably. */
    static double logSoftmaxAt(FloatBuffer logits, long offset, int vocab, int target) {
        int base = Math.toIntExact(offset);
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits.get(base + v));
        }
        double sumExp = 0;
        for (int v = 0; v < vocab; v++) {
            sumExp += Math.exp(logits.get(base + v) - max);
        }
        return logits.get(base + target) - max - Math.log(sumExp);
    }

    private static void checkDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scorer.model_dir " + dir + " is not a directory");
        }
        if (!Files.isRegularFile(dir.resolve(MODEL_FILE))) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(p -> p.getFileName().toString().endsWith(".pt"))) {
                    throw new IllegalArgumentException("scorer.model_dir " + dir + " holds a TorchScript (.pt) model, which"
                            + " needs DJL's PyTorch engine; the project ships only ONNX Runtime. Export the model to "
                            + MODEL_FILE + " (e.g. optimum-cli export onnx --task text-generation) or add"
                            + " ai.djl.pytorch:pytorch-engine and its native jar to the classpath");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list scorer.model_dir " + dir + ": " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("scorer.model_dir " + dir + " has no " + MODEL_FILE);
        }
        if (!Files.isRegularFile(dir.resolve(TOKENIZER_FILE))) {
            throw new IllegalArgumentException("scorer.model_dir " + dir + " has no " + TOKENIZER_FILE
                    + " (the Hugging Face tokenizer of the model)");
        }
    }

    private static void checkInputs(List<String> names, Path dir) {
        if (!names.contains(INPUT_IDS)) {
            throw new IllegalArgumentException(dir.resolve(MODEL_FILE) + " has no input named " + INPUT_IDS + "; its inputs are " + names);
        }
        for (String name : names) {
            if (!FED_INPUTS.contains(name)) {
                throw new IllegalArgumentException(dir.resolve(MODEL_FILE) + " wants input '" + name + "', which this scorer"
                        + " cannot feed; it feeds " + FED_INPUTS + " (export the model without past key values)");
            }
        }
    }

    /**
     * {@code cpu}, {@code gpu}, or {@code auto}: {@link Devices#best(Engine)}, but the CPU when ONNX Runtime
     * cannot use CUDA; the CPU build, the one the project ships, cannot even on a machine with a GPU.
     */
    private static Device device(String setting, Engine engine) {
        if (setting.equals("cpu")) {
            return Device.cpu();
        }
        boolean cuda = engine.getGpuCount() > 0 && engine.hasCapability(StandardCapabilities.CUDA);
        if (setting.equals("gpu")) {
            if (!cuda) {
                throw new IllegalArgumentException("scorer.device=gpu, but ONNX Runtime has no CUDA provider or sees no GPU"
                        + " (the GPU build is com.microsoft.onnxruntime:onnxruntime_gpu)");
            }
            return Device.gpu();
        }
        Device best = Devices.best(engine);
        return best.isGpu() && !cuda ? Device.cpu() : best;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
