package dev.stepgym.envs.code.edit;

import java.util.List;

/**
 * The symbols of a file, for symbol selectors. The code environment adapts the language server's
 * hierarchical document symbols to it (children named {@code Parent.child}); tests give fixed lists.
 *
 * <pre>{@code
 * SymbolSource symbols = path -> List.of(new SymbolRange("Loader", 0, 0, 9, 0),
 *                                        new SymbolRange("Loader.load", 4, 4, 7, 19));
 * }</pre>
 */
@FunctionalInterface
public interface SymbolSource {
    /** Every symbol of the file at {@code path}, in any order; empty when there are none. */
    List<SymbolRange> symbols(String path);

    /** A source that knows no symbols: symbol selectors then resolve to nothing. */
    static SymbolSource none() {
        return path -> List.of();
    }
}
