package dev.stepgym.sandbox.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import dev.stepgym.sandbox.browser.BrowserException.Kind;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One episode's browser: a fresh {@code BrowserContext} with one page in a warm browser of the pool.
 * The page is reached only through {@link #call}, which runs the work on the browser's own thread
 * (Playwright is thread-confined) and waits at most the pool's call timeout. Every request of the
 * context passes {@link OriginGate}; others are aborted and counted. Close it with the episode.
 *
 * <pre>{@code
 * try (BrowserSession session = pool.open("http://127.0.0.1:8080")) {
 *     session.call(page -> page.navigate("http://127.0.0.1:8080/web/shop-v1/"));
 *     String tree = session.call(page -> page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI)));
 *     session.reset(); // next episode: a new context in the same warm browser
 * }
 * }</pre>
 *
 * The {@link Page} handed to the work must not be kept or used after the work returns.
 */
public final class BrowserSession implements AutoCloseable {
    private static final double PLAYWRIGHT_TIMEOUT_SHARE = 0.8;
    private final BrowserPool pool;
    private final OriginGate gate;
    private final BrowserPoolConfig config;
    private final AtomicLong blockedRequests = new AtomicLong();
    private final Object lifecycle = new Object();
    private final String blockedPage;
    private BrowserWorker worker;
    private BrowserIdentity identity;
    /** Why the current page is gone (hung, crashed, browser died); null while it works. */
    private volatile BrowserException lost;
    private volatile boolean pageCrashed;
    private volatile boolean closed;
    // Confined to the worker's thread.
    private BrowserContext context;
    private Page page;

    BrowserSession(BrowserPool pool, OriginGate gate, BrowserPoolConfig config) {
        this.pool = pool;
        this.gate = gate;
        this.config = config;
        this.blockedPage = "<!doctype html><title>Blocked</title><h1>Blocked</h1><p>This page may only visit "
                + gate.origin() + ".</p>";
    }

    /**
     * Runs work on this session's page, on the browser's thread, and returns its result. A Playwright
     * error of the work comes back as {@link Kind#ACTION_FAILED} (the session goes on); a hung page
     * ({@link Kind#TIMEOUT}), a crashed page ({@link Kind#PAGE_CRASHED}) or a dead browser
     * ({@link Kind#BROWSER_CRASHED}) lose the page: every later call says so until {@link #reset()}.
     */
    public <T> T call(Function<Page, T> work) {
        BrowserWorker w;
        BrowserIdentity id;
        synchronized (lifecycle) {
            if (closed) {
                throw new BrowserException(Kind.CLOSED, "the browser session is closed");
            }
            if (lost != null) {
                throw new BrowserException(lost.kind(), lost.getMessage());
            }
            w = worker;
            id = identity;
        }
        if (w.identity().generation() != id.generation() || !w.processAlive()) {
            throw lose(browserCrashed(w));
        }
        Duration timeout = config.callTimeout();
        try {
            return w.run(timeout, () -> {
                if (pageCrashed) {
                    throw pageCrashedError();
                }
                if (page == null || page.isClosed()) {
                    // Closed meanwhile by close() from another thread, or by the work itself (page.close()).
                    throw new BrowserException(Kind.CLOSED, "the session's page is closed; reset the session");
                }
                try {
                    return work.apply(page);
                } catch (PlaywrightException e) {
                    throw classify(w, e);
                }
            }, () -> pageCrashed);
        } catch (BrowserWorker.StartedCallTimeout e) {
            if (pageCrashed) {
                BrowserException crashed = pageCrashedError();
                lose(crashed);
                dropContext(w);
                throw crashed;
            }
            BrowserException timedOut = new BrowserException(Kind.TIMEOUT, e.getMessage()
                    + "; the session's page was closed, reset the session");
            lose(timedOut);
            dropContext(w);
            throw timedOut;
        } catch (BrowserException e) {
            if (e.kind() == Kind.PAGE_CRASHED) {
                lose(e);
                dropContext(w);
            } else if (e.kind() == Kind.BROWSER_CRASHED) {
                lose(e);
            }
            throw e;
        }
    }

    /**
     * Starts over: closes this session's context and opens a fresh one, in the same warm browser when it
     * still runs, else in another (the pool replaces a dead browser). Never relaunches a live browser.
     */
    public void reset() {
        synchronized (lifecycle) {
            if (closed) {
                throw new BrowserException(Kind.CLOSED, "the browser session is closed");
            }
            BrowserWorker old = worker;
            BrowserIdentity oldId = identity;
            if (old == null) {
                pool.placeSession(this);
                return;
            }
            if (old.identity().generation() == oldId.generation() && old.processAlive() && !old.isClosed()) {
                // The new context is usually the browser's spare, and the old one closes on the browser's
                // thread after this returns, so a reset costs the caller only a few round trips.
                openContextIn(old);
            } else {
                dropContext(old);
                old.openContexts().decrementAndGet();
                worker = null;
                lost = new BrowserException(Kind.BROWSER_CRASHED, "the session's browser died and no other had room yet; reset again");
                pool.placeSession(this);
            }
        }
    }

    /** The browser this session's context lives in. */
    public BrowserIdentity browser() {
        return identity;
    }

    /** The origin this session's pages may reach. */
    public OriginGate gate() {
        return gate;
    }

    /** Requests (and WebSockets) of this session aborted because they aimed at another origin. */
    public long blockedRequests() {
        return blockedRequests.get();
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the context (all its pages) and gives its place in the browser back; safe to call twice. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (worker != null) {
                dropContext(worker);
                worker.openContexts().decrementAndGet();
                worker = null;
            }
        }
        pool.forget(this);
    }

    /** Called by the pool (holding a slot of {@code w} for this session): a new context and page in it. */
    void openContextIn(BrowserWorker w) {
        synchronized (lifecycle) {
            pageCrashed = false;
            try {
                w.run(config.launchTimeout(), () -> {
                    BrowserContext previous = context;
                    newContext(w);
                    if (previous != null) {
                        w.afterNextCall(previous::close);
                    }
                    return null;
                });
            } catch (BrowserWorker.StartedCallTimeout e) {
                throw lose(new BrowserException(Kind.TIMEOUT, "opening a browser context: " + e.getMessage()));
            } catch (BrowserException e) {
                throw lose(e);
            } catch (PlaywrightException e) {
                throw lose(browserCrashed(w));
            }
            worker = w;
            identity = w.identity();
            lost = null;
        }
    }

    /** On the worker thread. */
    private void newContext(BrowserWorker w) {
        BrowserContext ctx = w.freshContext();
        // Playwright gives up on actions and navigations a little before the call timeout, so a click on
        // an element that never comes is an ACTION_FAILED the episode survives; only work Playwright
        // cannot bound (a script that never returns) reaches the call timeout and loses the page.
        double ms = config.callTimeout().toMillis() * PLAYWRIGHT_TIMEOUT_SHARE;
        ctx.setDefaultTimeout(ms);
        ctx.setDefaultNavigationTimeout(ms);
        // Handlers run on the worker thread inside whichever call is running then, maybe another
        // session's: a failure here (this context closing under them) must not fail that call.
        ctx.route(url -> true, route -> quietly(() -> {
            if (gate.allows(route.request().url())) {
                route.resume();
                return;
            }
            blockedRequests.incrementAndGet();
            if (route.request().isNavigationRequest()) {
                // A page that says why, instead of Chromium's error page, whose late commit would cut off
                // the agent's next navigation; nothing of the other origin is loaded.
                route.fulfill(new Route.FulfillOptions().setStatus(403).setContentType("text/html; charset=utf-8")
                        .setBody(blockedPage));
            } else {
                route.abort("blockedbyclient");
            }
        }));
        ctx.routeWebSocket(url -> true, ws -> quietly(() -> {
            if (gate.allows(ws.url())) {
                ws.connectToServer();
            } else {
                blockedRequests.incrementAndGet();
                ws.close();
            }
        }));
        Page first = ctx.pages().isEmpty() ? ctx.newPage() : ctx.pages().get(0);
        first.onCrash(p -> crashed(ctx));
        // Popups and window.open past the limit are closed as they appear.
        ctx.onPage(p -> quietly(() -> {
            if (ctx.pages().size() > config.maxPagesPerContext()) {
                p.close();
            } else {
                p.onCrash(x -> crashed(ctx));
            }
        }));
        context = ctx;
        page = first;
    }

    /** Closes the current context on the worker thread, bounded in time; a dead browser has nothing to close. */
    private void dropContext(BrowserWorker w) {
        try {
            w.run(config.callTimeout(), () -> {
                BrowserContext ctx = context;
                context = null;
                page = null;
                if (ctx != null) {
                    try {
                        ctx.close();
                    } catch (PlaywrightException ignored) {
                        // Its browser is gone, and the context with it.
                    }
                }
                return null;
            });
        } catch (BrowserWorker.StartedCallTimeout | BrowserException e) {
            // A context that will not close in time goes with its browser; the worker thread is free again.
        }
    }

    /** On the worker thread: a crash counts only for the session's current context, not one closing after a reset. */
    private void crashed(BrowserContext ctx) {
        if (context == ctx) {
            pageCrashed = true;
        }
    }

    private static void quietly(Runnable handler) {
        try {
            handler.run();
        } catch (PlaywrightException ignored) {
            // The context or page went away while its event was handled.
        }
    }

    private BrowserException classify(BrowserWorker w, PlaywrightException e) {
        String message = String.valueOf(e.getMessage());
        if (pageCrashed || message.contains("page crashed") || message.contains("Target crashed")) {
            pageCrashed = true;
            return pageCrashedError();
        }
        if (w.browser() == null || !w.browser().isConnected() || !w.processAlive()) {
            return browserCrashed(w);
        }
        return new BrowserException(Kind.ACTION_FAILED, BrowserWorker.firstLine(e.getMessage()), e);
    }

    private static BrowserException pageCrashedError() {
        return new BrowserException(Kind.PAGE_CRASHED,
                "the page crashed (its renderer died); the session's page was closed, reset the session");
    }

    private BrowserException browserCrashed(BrowserWorker w) {
        pool.noticeDeadBrowser(w);
        return new BrowserException(Kind.BROWSER_CRASHED, "the session's browser (pid " + w.identity().pid()
                + ") died; the pool replaces it, reset the session to continue in a fresh browser");
    }

    private BrowserException lose(BrowserException why) {
        lost = why;
        return why;
    }
}
