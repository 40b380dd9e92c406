package dev.stepgym.scenarios;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.util.stream.Stream;

/**
 * {@link EnvironmentConformanceTest}'s checks, unchanged, for the environments that drive real Chromium
 * (gui-v1): its server serves their pages and they get its origin, as under {@code stepgym serve}.
 */
@Tag("heavy")
@Tag("browser")
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class GuiConformanceBrowserTest extends EnvironmentConformanceTest {
    /** Hides the fast class's list: only the environments it leaves out. */
    static Stream<String> environments() {
        return NEEDS_A_BROWSER.stream().sorted();
    }
}
