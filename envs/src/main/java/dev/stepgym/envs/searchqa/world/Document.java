package dev.stepgym.envs.searchqa.world;

import java.util.Objects;

/**
 * One encyclopedia page: what a search returns and an {@code open} action shows.
 *
 * <pre>{@code new Document("d00042", "Velmora Institute", "The Velmora Institute is a research institute ...")}</pre>
 *
 * @param id    unique in its corpus ({@code d00042} in a generated world)
 * @param title the entity the page is about
 * @param text  the page body, plain prose
 */
public record Document(String id, String title, String text) {
    public Document {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document needs a non-blank id");
        }
        Objects.requireNonNull(title, () -> "document " + id + " has no title");
        Objects.requireNonNull(text, () -> "document " + id + " has no text");
    }
}
