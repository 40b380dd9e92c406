package dev.stepgym.sandbox.lsp;

import java.util.Comparator;

/**
 * A symbol from a document or workspace symbol search, with its qualified name inside the file
 * ({@code Greeter.greet} for a method {@code greet} of class {@code Greeter}).
 *
 * <pre>{@code
 * session.documentSymbols("greeter.py").stream().map(SymbolEntry::qualifiedName).toList();
 * // [Greeter, Greeter.__init__, Greeter.greet, main]
 * }</pre>
 *
 * @param qualifiedName enclosing symbol names and this name joined by dots
 * @param name          the symbol's own name
 * @param kind          LSP symbol kind in lower case: class, method, function, variable, ...
 * @param path          file relative to the workspace root
 * @param range         the whole declaration
 * @param selection     the name itself (where to point definition, references or rename)
 */
public record SymbolEntry(String qualifiedName, String name, String kind, String path, SourceRange range, SourceRange selection)
        implements Comparable<SymbolEntry> {
    private static final Comparator<SymbolEntry> ORDER = Comparator.comparing(SymbolEntry::path)
            .thenComparing(SymbolEntry::selection).thenComparing(SymbolEntry::qualifiedName).thenComparing(SymbolEntry::kind);

    @Override
    public int compareTo(SymbolEntry other) {
        return ORDER.compare(this, other);
    }
}
