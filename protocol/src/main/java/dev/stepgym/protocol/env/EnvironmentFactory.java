package dev.stepgym.protocol.env;

import dev.stepgym.protocol.EnvSpec;

/** Shared resources of one environment (a catalog, an index, a pool) and the maker of its episodes. */
public interface EnvironmentFactory extends AutoCloseable {
    EnvSpec spec();

    /** A fresh, not yet reset, episode. */
    Environment newEpisode();

    /** Task ids of a split, in a stable order (for scenario files and evaluation loops). */
    java.util.List<String> tasks(String split);

    /** HTML pages of this environment, if it has any (the shop store). */
    default java.util.Optional<WebPages> webPages() {
        return java.util.Optional.empty();
    }

    /**
     * Called by the server once it listens, with its own origin ({@code http://127.0.0.1:8080}; the
     * bound port when it was asked for port 0), and for factories opened later, before their first
     * use. Environments whose episodes load this server's own pages in a browser (gui-v1) need it;
     * others ignore it.
     */
    default void serverListening(String origin) {
    }

    @Override
    void close();
}
