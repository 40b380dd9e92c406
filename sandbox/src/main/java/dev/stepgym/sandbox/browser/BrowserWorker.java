package dev.stepgym.sandbox.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import dev.stepgym.sandbox.browser.BrowserException.Kind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chromium under one Playwright instance. Playwright is thread-confined, so both are created, used
 * and closed only on this worker's own thread: every caller hands its work to {@link #run}. The thread
 * outlives a crashed browser; {@link #replaceIfDead()} launches the next one on it.
 */
final class BrowserWorker {
    /** Chromium switches on top of Playwright's own headless defaults: no traffic of the browser's own. */
    private static final List<String> QUIET_FLAGS = List.of("--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pings",
            "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
            "--disable-breakpad", "--metrics-recording-only", "--disable-dev-shm-usage");

    private static final long ABANDON_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Housekeeping owed after a call runs at the latest this long after it was owed, even if no call comes. */
    private static final long OWED_DELAY_MILLIS = 250;
    /** Wakes idle workers whose owed housekeeping found no next call to follow. */
    private static final ScheduledExecutorService OWED_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stepgym-browser-housekeeping");
        t.setDaemon(true);
        return t;
    });

    private final int slot;
    private final BrowserPoolConfig config;
    private final Path home;
    private final ExecutorService thread;
    private final AtomicInteger openContexts = new AtomicInteger();
    private final AtomicBoolean replacing = new AtomicBoolean();
    private volatile BrowserIdentity identity = new BrowserIdentity(0, 0, 0, "");
    private volatile boolean closed;
    // Confined to the worker thread.
    private Playwright playwright;
    private Browser browser;
    private long generation;
    /** A context with one blank page made ahead of need, so a session's reset does not wait for one. */
    private BrowserContext spare;
    /**
     * Housekeeping (the next spare, the context a reset left) that waits for the call after the one that
     * owed it: a session opened or reset is navigated at once, and that navigation should not queue
     * behind a new renderer. Confined to the worker thread.
     */
    private final List<Runnable> owed = new ArrayList<>();

    BrowserWorker(int slot, BrowserPoolConfig config, Path home) {
        this.slot = slot;
        this.config = config;
        this.home = home;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stepgym-browser-" + slot);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the worker's first browser and waits for it. */
    Future<?> startAsync() {
        return thread.submit(this::launch);
    }

    BrowserIdentity identity() {
        return identity;
    }

    AtomicInteger openContexts() {
        return openContexts;
    }

    /** The browser; call only from inside {@link #run}. */
    Browser browser() {
        return browser;
    }

    /** True while the browser's main process runs (checked from any thread, without Playwright). */
    boolean processAlive() {
        long pid = identity.pid();
        if (pid <= 0) {
            return browser != null;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Runs work on the worker thread and waits at most {@code timeout} for it, queueing behind other
     * sessions' calls included. A call that ran out of time while it ran is interrupted, which makes
     * Playwright give up waiting for the page; the caller then owns the hung page's cleanup.
     */
    <T> T run(Duration timeout, Callable<T> work) {
        return run(timeout, work, () -> false);
    }

    /**
     * As {@link #run(Duration, Callable)}, but gives up early (as a started timeout) once {@code abandon}
     * turns true while the work runs, e.g. when the page crashed and Playwright would wait on it for ever.
     */
    <T> T run(Duration timeout, Callable<T> work, java.util.function.BooleanSupplier abandon) {
        if (closed) {
            throw new BrowserException(Kind.CLOSED, "the browser pool is closed");
        }
        AtomicBoolean started = new AtomicBoolean();
        Future<T> future;
        try {
            future = thread.submit(() -> {
                started.set(true);
                int due = owed.size();
                try {
                    return work.call();
                } finally {
                    queueOwed(due);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new BrowserException(Kind.CLOSED, "the browser pool is closed");
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    return future.get(Math.min(left, ABANDON_CHECK_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    if (started.get() && abandon.getAsBoolean()) {
                        future.cancel(true);
                        throw new StartedCallTimeout(timeout);
                    }
                }
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            if (started.get()) {
                throw new StartedCallTimeout(timeout);
            }
            throw new BrowserException(Kind.TIMEOUT, "the browser stayed busy with other sessions' calls for "
                    + timeout.toMillis() + " ms; the call did not start");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BrowserException be) {
                throw be;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new BrowserException(Kind.ACTION_FAILED, String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BrowserException(Kind.CLOSED, "interrupted while waiting for the browser");
        }
    }

    /** A call that started and ran past its timeout: the page is taken for hung (the session turns it into TIMEOUT). */
    static final class StartedCallTimeout extends RuntimeException {
        StartedCallTimeout(Duration timeout) {
            super("the call ran past " + timeout.toMillis() + " ms (the page hung or is too slow)");
        }
    }

    /**
     * On the worker thread: a fresh context with one blank page, the spare when one is ready; a new
     * spare is made after the work queued so far. The caller adds its own routes, handlers and timeouts.
     */
    BrowserContext freshContext() {
        if (browser == null || !browser.isConnected()) {
            throw new BrowserException(Kind.BROWSER_CRASHED, "the browser is gone; open the session again");
        }
        BrowserContext ctx = spare;
        spare = null;
        if (ctx == null || ctx.isClosed() || ctx.pages().size() != 1) {
            if (ctx != null) {
                ctx.close();
            }
            ctx = newBareContext();
        }
        afterNextCall(this::refillSpare);
        return ctx;
    }

    /**
     * On the worker thread: housekeeping that runs after the next call of any session (so the call that
     * usually follows at once, a navigation, does not wait for it), or after a short delay when none comes.
     */
    void afterNextCall(Runnable work) {
        owed.add(work);
        try {
            OWED_TIMER.schedule(() -> later(() -> queueOwed(owed.size())), OWED_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // Never shut down; a JVM exiting takes the browsers along.
        }
    }

    /** On the worker thread: runs every owed piece of housekeeping now. */
    void runOwedNow() {
        while (!owed.isEmpty()) {
            try {
                owed.remove(0).run();
            } catch (PlaywrightException ignored) {
                // A context closed with its browser, or a spare the browser could not make now.
            }
        }
    }

    /** On the worker thread: queues the first {@code count} owed pieces of housekeeping behind the calls queued now. */
    private void queueOwed(int count) {
        for (int i = 0; i < count && !owed.isEmpty(); i++) {
            later(owed.remove(0));
        }
    }

    /** The spare context, if one is ready (on the worker thread): it is no session's. */
    int spareContexts() {
        return spare == null ? 0 : 1;
    }

    /** Queues work on the worker thread without waiting for it; its Playwright errors are dropped. */
    void later(Runnable work) {
        if (closed) {
            return;
        }
        try {
            thread.submit(() -> {
                try {
                    work.run();
                } catch (PlaywrightException ignored) {
                    // A context closed with its browser, or a spare the browser could not make now.
                }
            });
        } catch (RejectedExecutionException ignored) {
            // The pool is closing; the browser and everything in it go.
        }
    }

    private void refillSpare() {
        if (!closed && spare == null && browser != null && browser.isConnected()) {
            spare = newBareContext();
        }
    }

    private BrowserContext newBareContext() {
        BrowserContext ctx = browser.newContext(new Browser.NewContextOptions()
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                .setAcceptDownloads(false)
                .setViewportSize(1280, 800));
        ctx.newPage();
        return ctx;
    }

    /** On the worker thread: a new browser when the current one is gone; true when it launched one. */
    boolean replaceIfDead() {
        if (closed || (browser != null && browser.isConnected() && processAlive())) {
            return false;
        }
        closePlaywright();
        launch();
        return true;
    }

    /** Asks the worker thread to replace a dead browser, once, without waiting. */
    void replaceLater(Runnable onReplaced) {
        if (closed || !replacing.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.submit(() -> {
                try {
                    if (replaceIfDead()) {
                        onReplaced.run();
                    }
                } finally {
                    replacing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            replacing.set(false);
        }
    }

    private void launch() {
        String marker = "--stepgym-browser=" + UUID.randomUUID();
        Map<String, String> xdg = Map.of("HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("xdg-config").toString(),
                "XDG_CACHE_HOME", home.resolve("xdg-cache").toString());
        Map<String, String> driverEnv = new HashMap<>(xdg);
        driverEnv.put("PLAYWRIGHT_NODEJS_PATH", config.node().toString());
        driverEnv.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Map<String, String> browserEnv = new HashMap<>(System.getenv());
        browserEnv.putAll(xdg);
        List<String> args = new ArrayList<>(QUIET_FLAGS);
        args.add("--js-flags=--max-old-space-size=" + config.jsHeapMegabytes());
        args.add(marker);
        try {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(config.chromium())
                    .setHeadless(true)
                    .setArgs(args)
                    .setEnv(browserEnv)
                    .setTimeout(config.launchTimeout().toMillis()));
        } catch (RuntimeException e) {
            closePlaywright();
            throw new BrowserException(Kind.LAUNCH_FAILED, "could not start Chromium " + config.chromium()
                    + " through Playwright (node " + config.node() + "): " + firstLine(e.getMessage()), e);
        }
        generation++;
        identity = new BrowserIdentity(slot, generation, findPid(marker), browser.version());
        later(this::refillSpare);
    }

    /** The browser's main process: the one started with this launch's marker switch, not a child (--type=). */
    private static long findPid(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)
                        && List.of(a).stream().noneMatch(s -> s.startsWith("--type="))).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .min()
                .orElse(0);
    }

    private void closePlaywright() {
        Playwright old = playwright;
        playwright = null;
        browser = null;
        spare = null;
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException ignored) {
                // The driver or the browser is already gone; nothing is left to close.
            }
        }
    }

    /** Closes the browser and Playwright on the worker thread, then stops the thread. */
    void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        long pid = identity.pid();
        Future<?> done = thread.submit(this::closePlaywright);
        thread.shutdown();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever happened above, no Chromium of this worker outlives the pool.
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    /**
     * The useful line of a Playwright error: its messages look like {@code Error {\n  message='net::ERR_… at …}.
     */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip();
        int inner = line.indexOf("message='");
        if (inner >= 0) {
            line = line.substring(inner + "message='".length());
        }
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }
}
