package dev.stepgym.sandbox.browser;

import dev.stepgym.sandbox.browser.BrowserException.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A few warm headless Chromium processes (Debian's, driven by Playwright for Java) shared by many
 * episodes. {@link #open} gives an episode a {@link BrowserSession}: a fresh browser context in the
 * least loaded browser; resetting a session opens a new context and never relaunches the browser.
 * Each browser has its own Playwright instance on its own thread. A browser whose process dies is
 * replaced (a watchdog checks every second); its sessions are told so. Owned by the server: closing
 * the pool closes every session and stops every browser.
 *
 * <pre>{@code
 * try (BrowserPool pool = new BrowserPool(BrowserPoolConfig.defaults())) {
 *     try (BrowserSession session = pool.open("http://127.0.0.1:8080")) {
 *         String title = session.call(page -> { page.navigate("http://127.0.0.1:8080/"); return page.title(); });
 *     }
 * }
 * }</pre>
 */
public final class BrowserPool implements AutoCloseable {
    private static final Duration WATCH_PERIOD = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    /** Pools of this JVM that are not closed yet: benches and leak checks look inside a server's pool through it. */
    private static final Set<BrowserPool> RUNNING = ConcurrentHashMap.newKeySet();

    /**
     * Counters since the pool started.
     *
     * @param launched     browsers started (the first ones and replacements)
     * @param replaced     browsers found dead and replaced
     * @param opened       sessions opened
     * @param openSessions sessions open now
     */
    public record Stats(long launched, long replaced, long opened, int openSessions) {
    }

    private final BrowserPoolConfig config;
    private final Path scratch;
    private final boolean ownScratch;
    private final List<BrowserWorker> workers = new ArrayList<>();
    private final Set<BrowserSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final AtomicLong launched = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    /** Starts {@code config.browsers()} browsers and waits until all run. */
    public BrowserPool(BrowserPoolConfig config) {
        this.config = config;
        requireExecutable(config.chromium(), "Chromium (scripts/setup.sh installs Debian's chromium)");
        requireExecutable(config.node(), "Node.js, which runs Playwright's driver");
        try {
            this.ownScratch = config.scratch() == null;
            this.scratch = ownScratch ? Files.createTempDirectory("stepgym-browsers") : Files.createDirectories(config.scratch());
        } catch (IOException e) {
            throw new BrowserException(Kind.LAUNCH_FAILED, "cannot create the browsers' scratch folder: " + e.getMessage(), e);
        }
        List<Future<?>> starts = new ArrayList<>();
        for (int slot = 0; slot < config.browsers(); slot++) {
            BrowserWorker worker = new BrowserWorker(slot, config, scratch.resolve("browser-" + slot));
            workers.add(worker);
            starts.add(worker.startAsync());
        }
        try {
            for (Future<?> start : starts) {
                await(start);
                launched.incrementAndGet();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stepgym-browser-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::replaceDeadBrowsers, WATCH_PERIOD.toMillis(), WATCH_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        RUNNING.add(this);
    }

    /**
     * The pools of this JVM that run now (started, not closed), e.g. the one inside an embedded server's
     * gui-v1 factory: what a bench or a leak check counts contexts and browsers of.
     */
    public static List<BrowserPool> running() {
        return List.copyOf(RUNNING);
    }

    /**
     * A new session whose pages may reach only {@code allowedOrigin} (e.g. the StepGym server's own
     * {@code http://127.0.0.1:8080}), in the browser with the fewest open sessions.
     *
     * @throws BrowserException CAPACITY when every browser holds {@code maxContextsPerBrowser} sessions
     */
    public BrowserSession open(String allowedOrigin) {
        OriginGate gate = OriginGate.of(allowedOrigin);
        if (closed) {
            throw new BrowserException(Kind.CLOSED, "the browser pool is closed");
        }
        BrowserSession session = new BrowserSession(this, gate, config);
        placeSession(session);
        sessions.add(session);
        opened.incrementAndGet();
        if (closed) {
            session.close();
            throw new BrowserException(Kind.CLOSED, "the browser pool is closed");
        }
        return session;
    }

    /** The browsers running now, one per slot. */
    public List<BrowserIdentity> browsers() {
        return workers.stream().map(BrowserWorker::identity).toList();
    }

    /**
     * Browser contexts that exist in the browsers now, asked of each browser on its own thread, less the
     * one spare each browser keeps ready: equal to the open sessions unless a context leaked. Dead
     * browsers count none. Contexts that resets left behind close on the browser's thread after the session's
     * next call (or a quarter second later); this count closes them first.
     */
    public int liveContexts() {
        int total = 0;
        for (BrowserWorker w : workers) {
            if (!w.isClosed() && w.processAlive()) {
                total += w.run(config.callTimeout(), () -> {
                    w.runOwedNow(); // contexts that resets left behind close now, before they are counted
                    return w.browser() == null ? 0 : w.browser().contexts().size() - w.spareContexts();
                });
            }
        }
        return total;
    }

    public Stats stats() {
        return new Stats(launched.get(), replaced.get(), opened.get(), sessions.size());
    }

    public BrowserPoolConfig config() {
        return config;
    }

    /** Puts a session's new context into the least loaded live browser, holding a place in it. */
    void placeSession(BrowserSession session) {
        BrowserWorker chosen;
        synchronized (workers) {
            chosen = workers.stream()
                    .filter(w -> !w.isClosed() && w.processAlive())
                    .filter(w -> w.openContexts().get() < config.maxContextsPerBrowser())
                    .min(Comparator.comparingInt(w -> w.openContexts().get()))
                    .orElse(null);
            if (chosen == null) {
                boolean anyDead = workers.stream().anyMatch(w -> !w.processAlive());
                workers.forEach(this::noticeDeadBrowser);
                throw new BrowserException(anyDead ? Kind.BROWSER_CRASHED : Kind.CAPACITY, anyDead
                        ? "no live browser has room now (a dead one is being replaced); try again"
                        : "every browser holds " + config.maxContextsPerBrowser() + " sessions (" + config.browsers()
                        + " browsers); close a session first");
            }
            chosen.openContexts().incrementAndGet();
        }
        try {
            session.openContextIn(chosen);
        } catch (RuntimeException e) {
            chosen.openContexts().decrementAndGet();
            throw e;
        }
    }

    void forget(BrowserSession session) {
        sessions.remove(session);
    }

    /** A session saw its browser die: replace it now rather than at the next watchdog tick. */
    void noticeDeadBrowser(BrowserWorker worker) {
        if (!closed && !worker.processAlive()) {
            worker.replaceLater(() -> {
                launched.incrementAndGet();
                replaced.incrementAndGet();
            });
        }
    }

    private void replaceDeadBrowsers() {
        workers.forEach(this::noticeDeadBrowser);
    }

    /** Closes every session, then every browser and its Playwright; no Chromium of the pool is left running. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RUNNING.remove(this);
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        for (BrowserSession session : List.copyOf(sessions)) {
            session.close();
        }
        workers.forEach(w -> w.close(CLOSE_TIMEOUT));
        if (ownScratch) {
            deleteTree(scratch);
        }
    }

    private void await(Future<?> start) {
        try {
            start.get(config.launchTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrowserException be) {
                throw be;
            }
            throw new BrowserException(Kind.LAUNCH_FAILED, "starting a browser failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new BrowserException(Kind.LAUNCH_FAILED, "a browser did not start within " + config.launchTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrowserException(Kind.LAUNCH_FAILED, "interrupted while starting the browsers");
        }
    }

    private static void requireExecutable(Path path, String what) {
        if (!Files.isExecutable(path)) {
            throw new BrowserException(Kind.NOT_INSTALLED, what + " is not at " + path);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A file Chromium still writes as it exits; the temp folder is the OS's to clean.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Same.
        }
    }
}
