package dev.stepgym.envs.code.edit;

import java.util.Objects;

/**
 * One symbol of a file as the language server reports it: its dotted name within the file and its full
 * range, in LSP coordinates (0-based lines, 0-based UTF-16 columns, end exclusive), as
 * {@code textDocument/documentSymbol} gives them.
 *
 * <pre>{@code new SymbolRange("Loader.load", 4, 4, 7, 19)   // a method on lines 5-8}</pre>
 *
 * @param qualifiedName dotted names of the enclosing symbols and this one, e.g. {@code Loader.load}
 */
public record SymbolRange(String qualifiedName, int startLine, int startCol, int endLine, int endCol) {
    public SymbolRange {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        // Building the TextRange checks the coordinates once, in one place.
        new TextRange(startLine, startCol, endLine, endCol);
    }

    public TextRange range() {
        return new TextRange(startLine, startCol, endLine, endCol);
    }
}
