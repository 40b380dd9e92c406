package dev.stepgym.scenarios.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Chromium (installed by scripts/setup.sh) in headless mode, for tests that open a page.
 * It runs in a network namespace of its own when the machine allows, so neither the page nor the
 * browser's background services can reach anything; its profile and XDG folders are temporary.
 */
public final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** The DOM of a local HTML file after Chromium loaded and laid it out. */
    public static String dumpDom(Path html, Path scratch) throws IOException, InterruptedException {
        Process p = start(scratch, "--dump-dom", html.toUri().toString());
        String dom = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium --dump-dom finished");
        return dom;
    }

    /** A PNG screenshot of a local HTML file. */
    public static void screenshot(Path html, Path png, Path scratch) throws IOException, InterruptedException {
        Process p = start(scratch, "--screenshot=" + png, "--window-size=1200,900", html.toUri().toString());
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium --screenshot finished");
        assertEquals(0, p.exitValue());
    }

    private static Process start(Path scratch, String... args) throws IOException {
        assertTrue(Files.isExecutable(BINARY), "Debian's chromium is needed: scripts/setup.sh installs it");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/unshare")) && unshareWorks()) {
            command.addAll(List.of("/usr/bin/unshare", "--net"));
        }
        command.addAll(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pings",
                "--disable-default-apps", "--disable-domain-reliability", "--user-data-dir=" + scratch.resolve("profile")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CONFIG_HOME", scratch.resolve("xdg-config").toString());
        pb.environment().put("XDG_CACHE_HOME", scratch.resolve("xdg-cache").toString());
        pb.environment().put("HOME", scratch.toString());
        return pb.start();
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("/usr/bin/unshare", "--net", "true").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
