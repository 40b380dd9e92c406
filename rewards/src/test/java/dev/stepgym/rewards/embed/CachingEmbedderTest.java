package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {

    @Test
    void aRepeatedTextIsEmbeddedOnceAndMissesGoTogether() {
        FakeEmbedder fake = new FakeEmbedder();
        CachingEmbedder cached = new CachingEmbedder(fake, 10);

        float[][] first = cached.embed(List.of("a", "bb", "a"));
        float[][] second = cached.embed(List.of("bb", "ccc"));

        assertEquals(List.of(List.of("a", "bb"), List.of("ccc")), fake.calls);
        assertArrayEquals(FakeEmbedder.vectorOf("a"), first[0]);
        assertArrayEquals(FakeEmbedder.vectorOf("a"), first[2]);
        assertArrayEquals(FakeEmbedder.vectorOf("bb"), second[0]);
        assertArrayEquals(FakeEmbedder.vectorOf("ccc"), second[1]);
        assertEquals(1, cached.hits());
        assertEquals(3, cached.misses());
    }

    @Test
    void theLeastRecentlyUsedTextIsDroppedFirst() {
        FakeEmbedder fake = new FakeEmbedder();
        CachingEmbedder cached = new CachingEmbedder(fake, 2);
        cached.embed(List.of("a"));
        cached.embed(List.of("b"));
        cached.embed(List.of("a"));   // a is now newer than b
        cached.embed(List.of("c"));   // drops b

        fake.calls.clear();
        cached.embed(List.of("a", "b"));

        assertEquals(List.of(List.of("b")), fake.calls);
        assertEquals(2, cached.size());
    }

    @Test
    void callersGetCopiesSoOneCannotSpoilTheCache() {
        CachingEmbedder cached = new CachingEmbedder(new FakeEmbedder(), 4);
        cached.embed(List.of("a"))[0][0] = 999;
        assertArrayEquals(FakeEmbedder.vectorOf("a"), cached.embed(List.of("a"))[0]);
    }

    @Test
    void badArgumentsAreClearErrors() {
        FakeEmbedder fake = new FakeEmbedder();
        assertThrows(IllegalArgumentException.class, () -> new CachingEmbedder(fake, 0));
        CachingEmbedder cached = new CachingEmbedder(fake, 4);
        assertThrows(IllegalArgumentException.class, () -> cached.embed(null));
        assertThrows(IllegalArgumentException.class, () -> cached.embed(java.util.Arrays.asList("a", null)));
        assertEquals(0, cached.embed(List.of()).length);
    }
}
