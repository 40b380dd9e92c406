package dev.stepgym.sandbox.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepgym.sandbox.browser.BrowserException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser pool on Debian's real Chromium (scripts/setup.sh installs it), serving pages from a tiny
 * loopback server. One pool of two browsers is shared by the tests, as a server shares it by episodes.
 */
@Tag("browser")
@Tag("heavy")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserPoolBrowserTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** The hang test's own pool waits less, so the test stays short. */
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(6);
    @TempDir
    static Path scratch;
    private static HttpServer site;
    private static HttpServer elsewhere;
    private static final AtomicInteger elsewhereHits = new AtomicInteger();
    private static BrowserPool pool;
    private static String origin;

    @BeforeAll
    static void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin = "http://127.0.0.1:" + site.getAddress().getPort();
        String other = "http://127.0.0.1:" + elsewhere.getAddress().getPort();
        site.createContext("/", ex -> html(ex, "<title>home</title><button id=b onclick=\"this.textContent='done'\">go</button>"));
        site.createContext("/leak", ex -> html(ex, "<title>leak</title><script>"
                + "window.result = fetch('" + other + "/secret').then(r => 'got ' + r.status, e => 'blocked');"
                + "</script><img src='" + other + "/pixel.png'>"));
        site.createContext("/spin", ex -> html(ex, "<title>spin</title><script>while (true) {}</script>"));
        site.createContext("/popup", ex -> html(ex, "<title>popup</title>"));
        elsewhere.createContext("/", ex -> {
            elsewhereHits.incrementAndGet();
            html(ex, "secret");
        });
        site.start();
        elsewhere.start();
        pool = new BrowserPool(BrowserPoolConfig.defaults().withBrowsers(2).withCallTimeout(CALL_TIMEOUT)
                .withScratch(scratch.resolve("browsers")));
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        site.stop(0);
        elsewhere.stop(0);
    }

    @Test
    void resetOpensAFreshContextInTheSameWarmBrowser() {
        BrowserIdentity first;
        try (BrowserSession session = pool.open(origin)) {
            first = session.browser();
            assertTrue(first.pid() > 0, "the browser's process was found");
            session.call(page -> page.navigate(origin + "/"));
            session.call(page -> {
                page.click("#b");
                return null;
            });
            session.call(page -> page.evaluate("localStorage.setItem('k', 'v')"));
            session.reset();
            assertEquals(first, session.browser(), "reset keeps the warm browser");
            assertEquals("about:blank", session.call(Page::url), "reset gives a fresh page");
            session.call(page -> page.navigate(origin + "/"));
            assertNull(session.call(page -> page.evaluate("localStorage.getItem('k')")),
                    "nothing of the last episode is left in the new context");
        }
        long launchedBefore = pool.stats().launched();
        for (int i = 0; i < 4; i++) {
            try (BrowserSession next = pool.open(origin)) {
                assertTrue(pool.browsers().contains(next.browser()));
                assertEquals("home", next.call(page -> {
                    page.navigate(origin + "/");
                    return page.title();
                }));
            }
        }
        assertEquals(launchedBefore, pool.stats().launched(), "no browser was launched for new sessions");
        assertTrue(pool.browsers().stream().anyMatch(b -> b.equals(first)), "the first browser still serves");
    }

    @Test
    void otherOriginsAreBlocked() {
        try (BrowserSession session = pool.open(origin)) {
            String outcome = session.call(page -> {
                page.navigate(origin + "/leak");
                return (String) page.evaluate("window.result");
            });
            assertEquals("blocked", outcome);
            assertTrue(session.blockedRequests() >= 2, "the fetch and the image were aborted: " + session.blockedRequests());
            long before = session.blockedRequests();
            String elsewherePage = "http://127.0.0.2:" + elsewhere.getAddress().getPort() + "/";
            assertEquals("Blocked 403", session.call(page -> {
                int status = page.navigate(elsewherePage).status();
                return page.title() + " " + status;
            }), "a navigation to another origin lands on StepGym's blocked page");
            assertEquals(before + 1, session.blockedRequests());
            assertEquals(0, elsewhereHits.get(), "nothing reached the other origin");
            assertEquals("home", session.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }), "the session goes on after a blocked request");
        }
    }

    @Test
    void popupsPastTheLimitAreClosed() {
        try (BrowserSession session = pool.open(origin)) {
            int pages = session.call(page -> {
                page.navigate(origin + "/");
                page.evaluate("window.open('/popup')");
                page.waitForTimeout(500);
                return page.context().pages().size();
            });
            assertEquals(1, pages);
        }
    }

    @Test
    void aPageClosedByTheWorkIsReportedAndResetRecovers() {
        try (BrowserSession session = pool.open(origin)) {
            session.call(page -> {
                page.close();
                return null;
            });
            BrowserException e = assertThrows(BrowserException.class, () -> session.call(Page::title));
            assertEquals(Kind.CLOSED, e.kind());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
            session.reset();
            assertEquals("home", session.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }));
        }
    }

    @Test
    void accessibilitySnapshotRefsAreClickable() {
        try (BrowserSession session = pool.open(origin)) {
            String tree = session.call(page -> {
                page.navigate(origin + "/");
                return page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI));
            });
            Matcher button = Pattern.compile("button \"go\" \\[ref=(e\\d+)]").matcher(tree);
            assertTrue(button.find(), tree);
            String ref = button.group(1);
            assertEquals("done", session.call(page -> {
                page.click("aria-ref=" + ref);
                return page.textContent("#b");
            }));
        }
    }

    @Test
    void manyThreadsUseSessionsAtOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(callers.submit(() -> {
                    int clicks = 0;
                    try (BrowserSession session = pool.open(origin)) {
                        for (int i = 0; i < 3; i++) {
                            session.call(page -> page.navigate(origin + "/"));
                            String text = session.call(page -> {
                                page.click("#b");
                                return page.textContent("#b");
                            });
                            clicks += "done".equals(text) ? 1 : 0;
                        }
                    }
                    return clicks;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(3, r.get(90, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(0, pool.stats().openSessions());
        assertEquals(0, pool.liveContexts(), "every closed session's context is gone from the browsers");
    }

    @Test
    void aHangingPageTimesOutAndThePoolSurvives(@TempDir Path own) {
        try (BrowserPool single = new BrowserPool(BrowserPoolConfig.defaults().withBrowsers(1)
                .withCallTimeout(HANG_TIMEOUT).withScratch(own));
             BrowserSession hung = single.open(origin); BrowserSession neighbour = single.open(origin)) {
            hung.call(page -> page.navigate(origin + "/"));
            long start = System.nanoTime();
            BrowserException e = assertThrows(BrowserException.class,
                    () -> hung.call(page -> page.evaluate("() => { while (true) {} }")));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.TIMEOUT, e.kind(), e.getMessage());
            assertTrue(e.kind().sessionLost());
            assertTrue(ms < HANG_TIMEOUT.toMillis() + 3_000, "timed out in " + ms + " ms");
            BrowserException again = assertThrows(BrowserException.class, () -> hung.call(Page::url));
            assertEquals(Kind.TIMEOUT, again.kind(), "the session keeps saying why its page is gone");
            assertEquals("home", neighbour.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }), "another session goes on");
            hung.reset();
            assertEquals("home", hung.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }), "the reset session works again");

            // A page whose own script never ends: Playwright's navigation timeout (a little before the
            // call's) answers first, then work on the spinning page reaches the call timeout.
            start = System.nanoTime();
            BrowserException navigation = assertThrows(BrowserException.class,
                    () -> hung.call(page -> page.navigate(origin + "/spin")));
            ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.ACTION_FAILED, navigation.kind(), navigation.getMessage());
            assertTrue(navigation.getMessage().contains("Timeout"), navigation.getMessage());
            assertTrue(ms < HANG_TIMEOUT.toMillis() + 3_000, "navigation gave up in " + ms + " ms");
            BrowserException stuck = assertThrows(BrowserException.class, () -> hung.call(page -> page.evaluate("1")));
            assertTrue(stuck.kind() == Kind.TIMEOUT || stuck.kind() == Kind.ACTION_FAILED, stuck.getMessage());
            hung.reset();
            assertEquals("home", hung.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }), "and works again after the spinning page");
        }
    }

    @Test
    void aCrashedRendererIsReportedAndThePoolSurvives() {
        try (BrowserSession session = pool.open(origin)) {
            session.call(page -> page.navigate(origin + "/"));
            BrowserIdentity browser = session.browser();
            BrowserException refused = assertThrows(BrowserException.class,
                    () -> session.call(page -> page.navigate("chrome://crash")));
            assertEquals(Kind.ACTION_FAILED, refused.kind(), "Chromium refuses chrome://crash from a page: " + refused.getMessage());
            long start = System.nanoTime();
            BrowserException e = assertThrows(BrowserException.class, () -> session.call(page -> {
                page.context().newCDPSession(page).send("Page.crash");
                return page.title();
            }));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Kind.PAGE_CRASHED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("crashed"), e.getMessage());
            assertTrue(ms < CALL_TIMEOUT.toMillis(), "reported at once, not at the call timeout: " + ms + " ms");
            assertEquals(Kind.PAGE_CRASHED, assertThrows(BrowserException.class, () -> session.call(Page::url)).kind());
            session.reset();
            assertEquals(browser, session.browser(), "a renderer crash leaves the browser running");
            assertEquals("home", session.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }));
        }
    }

    @Test
    void aKilledBrowserIsReplaced() throws Exception {
        try (BrowserSession victim = pool.open(origin)) {
            victim.call(page -> page.navigate(origin + "/"));
            BrowserIdentity dead = victim.browser();
            long replacedBefore = pool.stats().replaced();
            ProcessHandle.of(dead.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(dead.pid()).ifPresent(p -> p.onExit().join());
            BrowserException e = assertThrows(BrowserException.class, () -> victim.call(page -> page.title()));
            assertEquals(Kind.BROWSER_CRASHED, e.kind(), e.getMessage());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pool.browsers().get(dead.slot()).generation() == dead.generation() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            BrowserIdentity replacement = pool.browsers().get(dead.slot());
            assertNotEquals(dead.generation(), replacement.generation(), "the slot got a new browser");
            assertNotEquals(dead.pid(), replacement.pid());
            assertTrue(pool.stats().replaced() > replacedBefore);
            victim.reset();
            assertEquals("home", victim.call(page -> {
                page.navigate(origin + "/");
                return page.title();
            }), "the reset session runs in a live browser");
        }
        for (int i = 0; i < 3; i++) {
            try (BrowserSession fresh = pool.open(origin)) {
                assertEquals("home", fresh.call(page -> {
                    page.navigate(origin + "/");
                    return page.title();
                }));
            }
        }
    }

    @Test
    void closingThePoolLeavesNoChromiumAndRefusesWork(@TempDir Path own) throws Exception {
        BrowserPool small = new BrowserPool(BrowserPoolConfig.defaults().withBrowsers(1).withMaxContextsPerBrowser(2)
                .withCallTimeout(CALL_TIMEOUT).withScratch(own));
        BrowserSession a = small.open(origin);
        BrowserSession b = small.open(origin);
        BrowserException full = assertThrows(BrowserException.class, () -> small.open(origin));
        assertEquals(Kind.CAPACITY, full.kind());
        long pid = a.browser().pid();
        assertEquals(2, small.liveContexts());
        small.close();
        assertFalse(a.isOpen());
        assertFalse(b.isOpen());
        assertEquals(Kind.CLOSED, assertThrows(BrowserException.class, () -> a.call(Page::url)).kind());
        assertEquals(Kind.CLOSED, assertThrows(BrowserException.class, () -> small.open(origin)).kind());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "Chromium " + pid + " exited");
    }

    private static void html(HttpExchange ex, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
