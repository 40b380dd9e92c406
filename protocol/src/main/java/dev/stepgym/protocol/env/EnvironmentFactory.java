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

    @Override
    void close();
}
