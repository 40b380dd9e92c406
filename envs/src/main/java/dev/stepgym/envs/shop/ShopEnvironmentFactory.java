package dev.stepgym.envs.shop;

import dev.stepgym.envs.shop.goal.Task;
import dev.stepgym.envs.shop.web.ShopWebPages;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.WebPages;

import java.util.List;
import java.util.Optional;

/** Owns one {@link ShopStore} (catalog + index + tasks) and makes small episodes over it. */
public final class ShopEnvironmentFactory implements EnvironmentFactory {
    private final EnvSpec spec;
    private final ShopStore store;
    private final ShopWebPages pages;

    public ShopEnvironmentFactory(EnvSpec spec, ShopStore store) {
        this.spec = spec;
        this.store = store;
        this.pages = new ShopWebPages(store);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public ShopEnvironment newEpisode() {
        return new ShopEnvironment(store);
    }

    @Override
    public List<String> tasks(String split) {
        return store.tasks().split(split).stream().map(Task::id).toList();
    }

    @Override
    public Optional<WebPages> webPages() {
        return Optional.of(pages);
    }

    /** The shared store (catalog, index, tasks), for tools and tests in the same JVM. */
    public ShopStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
