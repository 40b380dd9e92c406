package dev.stepgym.envs.code;

import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentFactory;

import java.util.List;

/** Owns one {@link CodeStore} (tasks, sandbox, language servers, workspaces) and makes episodes over it. */
public final class CodeEnvironmentFactory implements EnvironmentFactory {
    private final EnvSpec spec;
    private final CodeStore store;

    public CodeEnvironmentFactory(EnvSpec spec, CodeStore store) {
        this.spec = spec;
        this.store = store;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public CodeEnvironment newEpisode() {
        return new CodeEnvironment(store);
    }

    /** Every task, whatever the split: a code suite is one evaluation set. */
    @Override
    public List<String> tasks(String split) {
        return store.tasks().stream().map(CodeTask::id).toList();
    }

    public CodeStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
