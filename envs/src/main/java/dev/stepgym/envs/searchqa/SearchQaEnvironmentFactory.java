package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentFactory;

import java.util.List;

/** Owns one {@link SearchQaStore} (corpus, indexes, model, scorer) and makes small episodes over it. */
public final class SearchQaEnvironmentFactory implements EnvironmentFactory {
    private final EnvSpec spec;
    private final SearchQaStore store;

    public SearchQaEnvironmentFactory(EnvSpec spec, SearchQaStore store) {
        this.spec = spec;
        this.store = store;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public SearchQaEnvironment newEpisode() {
        store.warmEvidenceVectors(); // once, in the background: no later step embeds a corpus text
        return new SearchQaEnvironment(store);
    }

    @Override
    public List<String> tasks(String split) {
        return store.corpus().questions(split).stream().map(Question::id).toList();
    }

    /** The shared store, for benches and tests in the same JVM. */
    public SearchQaStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
