package dev.stepgym.sandbox.browser;

import dev.stepgym.sandbox.browser.BrowserException.Kind;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the pool runs its browsers. {@link #defaults()} fits a small machine; change one setting with the
 * {@code with*} methods.
 *
 * <pre>{@code
 * BrowserPoolConfig config = BrowserPoolConfig.defaults().withBrowsers(4).withCallTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param browsers              Chromium processes kept warm (default 2)
 * @param maxContextsPerBrowser open sessions one browser may hold; past browsers × this, {@code open} is refused (memory cap)
 * @param maxPagesPerContext    pages a session may have; popups past it are closed at once (default 1: no popups)
 * @param callTimeout           the most one {@link BrowserSession#call} may take, queueing included; also
 *                              Playwright's default timeout of every action and navigation in the session
 * @param launchTimeout         the most starting Playwright and Chromium may take
 * @param jsHeapMegabytes       V8 heap cap of each renderer ({@code --js-flags=--max-old-space-size}); a page
 *                              past it crashes alone ({@link BrowserException.Kind#PAGE_CRASHED})
 * @param chromium              the browser binary (Debian's {@code /usr/bin/chromium}, scripts/setup.sh)
 * @param node                  the Node.js that runs Playwright's driver ({@code /usr/bin/node})
 * @param scratch               folder for the browsers' HOME and XDG folders; null for a temporary one removed at close
 */
public record BrowserPoolConfig(int browsers, int maxContextsPerBrowser, int maxPagesPerContext, Duration callTimeout,
                                Duration launchTimeout, int jsHeapMegabytes, Path chromium, Path node, Path scratch) {

    public BrowserPoolConfig {
        positive("browsers", browsers);
        positive("maxContextsPerBrowser", maxContextsPerBrowser);
        positive("maxPagesPerContext", maxPagesPerContext);
        positive("jsHeapMegabytes", jsHeapMegabytes);
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new BrowserException(Kind.BAD_INPUT, "callTimeout must be positive, got " + callTimeout);
        }
        if (launchTimeout == null || launchTimeout.isNegative() || launchTimeout.isZero()) {
            throw new BrowserException(Kind.BAD_INPUT, "launchTimeout must be positive, got " + launchTimeout);
        }
        if (chromium == null || node == null) {
            throw new BrowserException(Kind.BAD_INPUT, "chromium and node paths are required");
        }
    }

    public static BrowserPoolConfig defaults() {
        return new BrowserPoolConfig(2, 16, 1, Duration.ofSeconds(10), Duration.ofSeconds(60), 512,
                Path.of("/usr/bin/chromium"), Path.of("/usr/bin/node"), null);
    }

    public BrowserPoolConfig withBrowsers(int n) {
        return new BrowserPoolConfig(n, maxContextsPerBrowser, maxPagesPerContext, callTimeout, launchTimeout,
                jsHeapMegabytes, chromium, node, scratch);
    }

    public BrowserPoolConfig withMaxContextsPerBrowser(int n) {
        return new BrowserPoolConfig(browsers, n, maxPagesPerContext, callTimeout, launchTimeout,
                jsHeapMegabytes, chromium, node, scratch);
    }

    public BrowserPoolConfig withMaxPagesPerContext(int n) {
        return new BrowserPoolConfig(browsers, maxContextsPerBrowser, n, callTimeout, launchTimeout,
                jsHeapMegabytes, chromium, node, scratch);
    }

    public BrowserPoolConfig withCallTimeout(Duration timeout) {
        return new BrowserPoolConfig(browsers, maxContextsPerBrowser, maxPagesPerContext, timeout, launchTimeout,
                jsHeapMegabytes, chromium, node, scratch);
    }

    public BrowserPoolConfig withJsHeapMegabytes(int megabytes) {
        return new BrowserPoolConfig(browsers, maxContextsPerBrowser, maxPagesPerContext, callTimeout, launchTimeout,
                megabytes, chromium, node, scratch);
    }

    public BrowserPoolConfig withScratch(Path folder) {
        return new BrowserPoolConfig(browsers, maxContextsPerBrowser, maxPagesPerContext, callTimeout, launchTimeout,
                jsHeapMegabytes, chromium, node, folder);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new BrowserException(Kind.BAD_INPUT, name + " must be at least 1, got " + value);
        }
    }
}
