package dev.stepgym.envs.gui;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.sandbox.browser.BrowserPool;
import dev.stepgym.sandbox.browser.BrowserPoolConfig;
import dev.stepgym.sandbox.browser.BrowserSession;

import java.util.List;
import java.util.Optional;

/**
 * Owns gui-v1's templates, its pages and one {@link BrowserPool}, started at the first episode (so a
 * server that only lists or serves pages starts no browser) and closed with the factory. Episodes open
 * the pages of the StepGym server they run in: the server tells its origin once it listens
 * ({@link #serverListening}); the {@code origin} setting names another server instead.
 */
public final class GuiEnvironmentFactory implements EnvironmentFactory {
    private final EnvSpec spec;
    private final GuiTemplates templates = new GuiTemplates();
    private final GuiWebPages pages = new GuiWebPages(templates);
    private final BrowserPoolConfig poolConfig;
    private volatile String origin;
    private BrowserPool pool;
    private boolean closed;

    GuiEnvironmentFactory(EnvSpec spec, BrowserPoolConfig poolConfig, String origin) {
        this.spec = spec;
        this.poolConfig = poolConfig;
        this.origin = origin;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public Environment newEpisode() {
        return new GuiEnvironment(this);
    }

    @Override
    public List<String> tasks(String split) {
        return templates.split(split);
    }

    @Override
    public Optional<WebPages> webPages() {
        return Optional.of(pages);
    }

    /** Keeps an {@code origin} setting when one was given: the pages then come from that server. */
    @Override
    public void serverListening(String serverOrigin) {
        if (origin == null) {
            origin = serverOrigin;
        }
    }

    GuiTemplates templates() {
        return templates;
    }

    /** The origin task pages are opened at. */
    String origin() {
        String o = origin;
        if (o == null) {
            throw new StepGymException(ErrorCode.INTERNAL, "gui-v1 episodes open the StepGym server's own /web/gui-v1/ pages, "
                    + "and no server has said where it listens (run them through a server, or set origin=http://host:port)");
        }
        return o;
    }

    /** A browser session for one episode, whose pages may reach only the task origin. */
    BrowserSession openSession() {
        String o = origin();
        BrowserPool p;
        synchronized (this) {
            if (closed) {
                throw new StepGymException(ErrorCode.INTERNAL, "the gui-v1 environment is closed");
            }
            if (pool == null) {
                pool = new BrowserPool(poolConfig);
            }
            p = pool;
        }
        return p.open(o);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
