package dev.stepgym.envs.searchqa.world;

/**
 * How big a generated world is. {@code places} counts countries and cities together: one place in twelve
 * (at least two) is a country, the rest are cities. Documents: one per country, city, organisation and work,
 * one per person plus an "Early life of …" page for about 40% of people.
 *
 * <pre>{@code Corpus corpus = WorldGenerator.generate(0L, new WorldSize(300, 60, 70, 150, 200));}</pre>
 */
public record WorldSize(int people, int places, int organisations, int works, int questions) {
    /** About 5,900 documents and 2,500 questions (2,000 train, 250 dev, 250 test). */
    public static final WorldSize DEFAULT = new WorldSize(2000, 640, 720, 1800, 2500);

    public WorldSize {
        require(people, 10, "people");
        require(places, 6, "places");
        require(organisations, 7, "organisations");
        require(works, 3, "works");
        require(questions, 1, "questions");
    }

    /** About 300 documents and 110 questions: for fast tests. */
    public static WorldSize small() {
        return new WorldSize(100, 36, 42, 90, 110);
    }

    /** Number of countries among the places. */
    public int countries() {
        return Math.max(2, places / 12);
    }

    /** Number of cities among the places. */
    public int cities() {
        return places - countries();
    }

    private static void require(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException("a world needs at least " + min + " " + what + ", got " + value);
        }
    }
}
