package dev.stepgym.envs.code.edit;

import java.util.Locale;

/**
 * Which part of a definition a symbol selector means.
 *
 * <pre>{@code Selector.parse("py://app.py#f:body")   // SymbolPart.BODY}</pre>
 */
public enum SymbolPart {
    /** The whole definition, as the symbol source reports its range (the default). */
    DEF,
    /**
     * The body without the {@code def}/{@code class} header: from the start of the line after the header's
     * colon to the end of the definition, or, for a one-line {@code def f(): return 1}, the text after
     * the colon.
     */
    BODY;

    /** The suffix word, {@code def} or {@code body}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
