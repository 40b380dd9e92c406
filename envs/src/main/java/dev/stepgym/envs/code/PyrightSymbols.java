package dev.stepgym.envs.code;

import dev.stepgym.envs.code.edit.SymbolRange;
import dev.stepgym.sandbox.lsp.LanguageServerSession;
import dev.stepgym.sandbox.lsp.SymbolEntry;

import java.util.List;

/** Pyright's document symbols in the shape the selector resolver reads: qualified name and full range. */
final class PyrightSymbols {
    private PyrightSymbols() {
    }

    static List<SymbolRange> of(LanguageServerSession session, String path) {
        return session.documentSymbols(path).stream()
                .map(PyrightSymbols::range)
                .toList();
    }

    private static SymbolRange range(SymbolEntry s) {
        // The full range (decorators and body included), not the name's selection range: :body needs it.
        return new SymbolRange(s.qualifiedName(), s.range().line(), s.range().col(), s.range().endLine(), s.range().endCol());
    }
}
