package dev.stepgym.rewards.embed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pinned texts are answered without the model; only the others reach it, in one call. */
class PinnedEmbedderTest {

    @Test
    void pinnedTextsNeverReachTheModelAndTheRestGoInOneCall() {
        Recording model = new Recording();
        PinnedEmbedder pinned = new PinnedEmbedder(model);
        pinned.pin(List.of("doc one", "doc two"), new float[][] {{1, 0}, {0, 1}});
        float[][] v = pinned.embed(List.of("doc two", "a query", "doc one", "another query"));
        assertEquals(List.of(List.of("a query", "another query")), model.calls);
        assertArrayEquals(new float[] {0, 1}, v[0]);
        assertArrayEquals(new float[] {1, 0}, v[2]);
        assertArrayEquals(new float[] {"a query".length(), 1}, v[1]);
        v[0][0] = 42;   // a caller's change never reaches the next caller
        assertArrayEquals(new float[] {0, 1}, pinned.embed(List.of("doc two"))[0]);
        assertEquals(1, model.calls.size(), "all pinned: no call");
    }

    @Test
    void badPinsAreRefused() {
        PinnedEmbedder pinned = new PinnedEmbedder(new Recording());
        assertThrows(IllegalArgumentException.class, () -> pinned.pin(List.of("a"), new float[][] {{1, 0}, {0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> pinned.pin(List.of("a"), new float[][] {{1, 0, 0}}));
        assertEquals(0, pinned.size());
    }

    private static final class Recording implements TextEmbedder {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public float[][] embed(List<String> texts) {
            calls.add(List.copyOf(texts));
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                out[i] = new float[] {texts.get(i).length(), 1};
            }
            return out;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }
}
