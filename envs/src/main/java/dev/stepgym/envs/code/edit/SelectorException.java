package dev.stepgym.envs.code.edit;

import java.util.List;
import java.util.Objects;

/**
 * An agent's selector or edit that cannot be carried out. It is agent input gone wrong, not a server
 * fault: the environment turns it into {@code observation.last_action_error}. The message says what was
 * wrong and, for {@link Kind#NOT_FOUND} and {@link Kind#AMBIGUOUS}, lists up to
 * {@value #MAX_LISTED} candidates; {@link #candidates()} has them all (as far as they were collected).
 *
 * <pre>{@code
 * try {
 *     Resolution r = SelectorResolver.resolve(selector, text, symbols);
 * } catch (SelectorException e) {
 *     observationError(e.kind() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class SelectorException extends Exception {
    /** How many candidates a message lists before "and N more". */
    public static final int MAX_LISTED = 5;

    /** What went wrong. */
    public enum Kind {
        /** Nothing matches the selector. */
        NOT_FOUND,
        /** More than one place matches and the selector did not say which. */
        AMBIGUOUS,
        /** The selector (string or map) is malformed. */
        BAD_SELECTOR,
        /** A line or column lies outside the file (or inside a UTF-16 surrogate pair). */
        OUT_OF_RANGE,
        /** The edit would make the file larger than the cap. */
        TOO_LARGE,
        /** The replacement text holds NUL characters: binary content is not an edit of a source file. */
        BINARY_CONTENT
    }

    private final Kind kind;
    private final transient List<Candidate> candidates;

    public SelectorException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public SelectorException(Kind kind, String message, List<Candidate> candidates) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.candidates = List.copyOf(candidates);
    }

    public Kind kind() {
        return kind;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** {@code "A.run (lines 3-5), B.run (lines 8-10)"}, at most {@value #MAX_LISTED} then "and N more". */
    static String listed(List<Candidate> candidates) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(MAX_LISTED, candidates.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append("; ");
            }
            out.append(candidates.get(i).describe());
        }
        if (candidates.size() > shown) {
            out.append("; and ").append(candidates.size() - shown).append(" more");
        }
        return out.toString();
    }
}
