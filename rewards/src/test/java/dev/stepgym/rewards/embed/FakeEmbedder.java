package dev.stepgym.rewards.embed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test embedder for wrapper mechanics (batching, caching): each text's vector depends on the
 * text alone, and every call's size is recorded.
 */
final class FakeEmbedder implements TextEmbedder {
    static final int DIMENSION = 4;
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    volatile RuntimeException failWith;

    @Override
    public float[][] embed(List<String> texts) {
        calls.add(new ArrayList<>(texts));
        if (failWith != null) {
            throw failWith;
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = vectorOf(texts.get(i));
        }
        return out;
    }

    /** {length in bytes, first byte, last byte, 1}; unnormalised, which wrappers must not care about. */
    static float[] vectorOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        float first = bytes.length == 0 ? 0 : bytes[0];
        float last = bytes.length == 0 ? 0 : bytes[bytes.length - 1];
        return new float[] {bytes.length, first, last, 1};
    }

    int textsEmbedded() {
        return calls.stream().mapToInt(List::size).sum();
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void close() {
    }
}
