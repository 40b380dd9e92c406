package dev.stepgym.protocol.testkit;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.WebPages;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes {@link CounterEnvironment}s and counts the live ones, so tests can see that episodes are released. */
public final class CounterFactory implements EnvironmentFactory {
    private static final Map<String, CounterFactory> INSTANCES = new ConcurrentHashMap<>();

    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean closed;

    CounterFactory(String instance) {
        if (instance != null) {
            INSTANCES.put(instance, this);
        }
    }

    /** The factory opened with setting {@code instance=name}, if any. */
    public static Optional<CounterFactory> instance(String name) {
        return Optional.ofNullable(INSTANCES.get(name));
    }

    /** Episodes made and not yet closed. */
    public int liveEpisodes() {
        return live.get();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public EnvSpec spec() {
        return CounterProvider.SPEC;
    }

    @Override
    public Environment newEpisode() {
        return new CounterEnvironment(live);
    }

    @Override
    public List<String> tasks(String split) {
        return List.of("target-1", "target-2", "target-3", "target-4", "target-5");
    }

    @Override
    public Optional<WebPages> webPages() {
        return Optional.of((path, query) -> path.isEmpty()
                ? WebPages.Page.html("<html><body><h1>counter-v1</h1><p>hello " + escape(query.getOrDefault("name", "")) + "</p></body></html>")
                : WebPages.Page.notFound(path));
    }

    @Override
    public void close() {
        closed = true;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
