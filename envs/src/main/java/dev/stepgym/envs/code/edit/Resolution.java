package dev.stepgym.envs.code.edit;

import java.util.List;
import java.util.Objects;

/**
 * Where a selector resolved to, how sure the resolution is, and the other places it could have meant.
 * The confidence is Lanser's {@code α_t} (the process reward's ambiguity penalty is {@code 1 - α_t}):
 * {@value #EXACT} when the selector named the place exactly (a line, a range, a qualified symbol name, a
 * unique verbatim anchor, or an explicit {@code occurrence}); {@value #PARTIAL} when it was found only by a
 * looser match (a symbol by its unqualified or partly qualified name, an anchor after whitespace
 * normalisation).
 *
 * <pre>{@code
 * Resolution r = SelectorResolver.resolve(Selector.parse("py://app.py#run"), text, symbols);
 * r.confidence();    // 0.8: found as App.run, not by its qualified name
 * }</pre>
 *
 * @param range        the resolved span, 0-based LSP coordinates
 * @param confidence   {@code α_t} in [0, 1]
 * @param alternatives the other matches when an {@code occurrence} picked one of several; otherwise empty
 */
public record Resolution(TextRange range, double confidence, List<Candidate> alternatives) {
    /** The confidence of an exact resolution. */
    public static final double EXACT = 1.0;
    /** The confidence of a unique but partial match. */
    public static final double PARTIAL = 0.8;

    public Resolution {
        Objects.requireNonNull(range, "range");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        alternatives = List.copyOf(alternatives);
    }
}
