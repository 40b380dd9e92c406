package dev.stepgym.envs.code.edit;

import java.util.Objects;

/**
 * A Python symbol by its dotted name within the file ({@code Class.method}, {@code function}); an
 * unqualified or partly qualified name also matches when it is unique, at a lower confidence.
 *
 * <pre>{@code new SymbolSelector("app.py", "Loader.load", SymbolPart.BODY, 0).canonical()
 * // "py://app.py#Loader.load:body"}</pre>
 *
 * @param occurrence 1-based pick among several equal matches (overloads, redefinitions); 0 = the match
 *                   must be unique
 */
public record SymbolSelector(String path, String name, SymbolPart part, int occurrence) implements Selector {
    public SymbolSelector {
        SelectorParser.requirePath(path);
        Objects.requireNonNull(part, "part");
        if (name == null || !SelectorParser.DOTTED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("symbol name must be a dotted Python name like Class.method, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        SelectorParser.requireOccurrence(occurrence);
    }

    /** The whole definition of a uniquely named symbol. */
    public SymbolSelector(String path, String name) {
        this(path, name, SymbolPart.DEF, 0);
    }

    @Override
    public String canonical() {
        return "py://" + path + "#" + name + (part == SymbolPart.DEF ? "" : ":" + part.word())
                + (occurrence == 0 ? "" : "?occurrence=" + occurrence);
    }
}
