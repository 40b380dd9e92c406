/**
 * Where an edit goes and what it does, without a language server: a small selector language
 * ({@link dev.stepgym.envs.code.edit.Selector}: lines, ranges, Python symbols, content anchors, as strings
 * or as tool-call maps through {@link dev.stepgym.envs.code.edit.SelectorSpec}), its resolution against a
 * file's text ({@link dev.stepgym.envs.code.edit.SelectorResolver}, with the confidence that feeds Lanser's
 * {@code α_t}), the edit itself ({@link dev.stepgym.envs.code.edit.TextEdit}) and its unified-diff preview
 * ({@link dev.stepgym.envs.code.edit.EditPreview}).
 *
 * <p>Coordinates: selectors that agents write are 1-based (lines and columns, as an editor shows them);
 * {@link dev.stepgym.envs.code.edit.TextRange} and {@link dev.stepgym.envs.code.edit.SymbolRange} are 0-based,
 * as LSP sends them. Columns count UTF-16 code units (LSP's default position encoding, and Java's
 * {@code String} indexing), so an emoji is two columns wide. Lines end at {@code \n}, {@code \r\n} or a
 * lone {@code \r}, as in LSP. Symbols come in through {@link dev.stepgym.envs.code.edit.SymbolSource}, which
 * the environment adapts from the language server's document symbols.
 */
package dev.stepgym.envs.code.edit;
