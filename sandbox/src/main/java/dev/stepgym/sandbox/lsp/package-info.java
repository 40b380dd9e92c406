/**
 * Language servers for the code environment: pyright-langserver over stdio through LSP4J.
 * {@link dev.stepgym.sandbox.lsp.PyrightInstallation} finds the server,
 * {@link dev.stepgym.sandbox.lsp.LanguageServerSession} owns one server process for one workspace
 * root and turns LSP answers into plain records (0-based lines, UTF-16 columns, paths relative to
 * the root), and {@link dev.stepgym.sandbox.lsp.LanguageServerPool} keeps servers warm across
 * episodes of the same repository, restarts dead or hung ones and caps how many run at once.
 */
package dev.stepgym.sandbox.lsp;
