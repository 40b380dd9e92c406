package dev.stepgym.sandbox.browser;

import dev.stepgym.sandbox.browser.BrowserException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings and installation checks that need no browser. */
class BrowserPoolConfigTest {

    @Test
    void defaultsFitASmallMachine() {
        BrowserPoolConfig d = BrowserPoolConfig.defaults();
        assertEquals(2, d.browsers());
        assertEquals(1, d.maxPagesPerContext());
        assertEquals(Path.of("/usr/bin/chromium"), d.chromium());
        assertEquals(Duration.ofSeconds(10), d.callTimeout());
        assertEquals(4, d.withBrowsers(4).browsers());
    }

    @Test
    void badLimitsAreRefusedClearly() {
        BrowserPoolConfig d = BrowserPoolConfig.defaults();
        for (Runnable bad : new Runnable[] {
                () -> d.withBrowsers(0), () -> d.withMaxContextsPerBrowser(0), () -> d.withMaxPagesPerContext(-1),
                () -> d.withJsHeapMegabytes(0), () -> d.withCallTimeout(Duration.ZERO), () -> d.withCallTimeout(null)}) {
            BrowserException e = assertThrows(BrowserException.class, bad::run);
            assertEquals(Kind.BAD_INPUT, e.kind(), e.getMessage());
        }
    }

    @Test
    void aMissingChromiumIsNamedBeforeAnythingStarts(@TempDir Path dir) {
        BrowserPoolConfig d = BrowserPoolConfig.defaults();
        BrowserPoolConfig noChromium = new BrowserPoolConfig(1, 1, 1, d.callTimeout(), d.launchTimeout(), 256,
                dir.resolve("no-chromium"), d.node(), dir);
        BrowserException e = assertThrows(BrowserException.class, () -> new BrowserPool(noChromium));
        assertEquals(Kind.NOT_INSTALLED, e.kind());
        assertTrue(e.getMessage().contains("scripts/setup.sh"), e.getMessage());
        BrowserPoolConfig noNode = new BrowserPoolConfig(1, 1, 1, d.callTimeout(), d.launchTimeout(), 256,
                d.chromium(), dir.resolve("no-node"), dir);
        if (java.nio.file.Files.isExecutable(d.chromium())) {
            assertEquals(Kind.NOT_INSTALLED, assertThrows(BrowserException.class, () -> new BrowserPool(noNode)).kind());
        }
    }
}
