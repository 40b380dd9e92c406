package dev.stepgym.envs.code;

import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.sandbox.git.GitWorkspace;
import dev.stepgym.sandbox.lsp.LanguageServerPool;
import dev.stepgym.sandbox.lsp.LanguageServerSession;

/** One episode's leased workspace and language server; closing gives both back to the store. */
final class CodeSlot implements AutoCloseable {
    private final CodeStore store;
    private final CodeTask task;
    private final GitWorkspace workspace;
    private final LanguageServerPool.Lease server;
    private boolean released;

    CodeSlot(CodeStore store, CodeTask task, GitWorkspace workspace, LanguageServerPool.Lease server) {
        this.store = store;
        this.task = task;
        this.workspace = workspace;
        this.server = server;
    }

    CodeTask task() {
        return task;
    }

    GitWorkspace workspace() {
        return workspace;
    }

    LanguageServerPool.Lease server() {
        return server;
    }

    LanguageServerSession session() {
        return server.session();
    }

    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            store.release(this);
        }
    }
}
