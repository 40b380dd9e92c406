package dev.stepgym.rewards.embed;

import dev.stepgym.protocol.testkit.NetworkGuard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DJL must never contact an outside address (DESIGN.md §4). The guard refuses any off-machine
 * connect before it happens and records it. Engine start-up is checked in fresh JVMs without the
 * offline environment Surefire sets, so only {@link DjlOffline} keeps DJL offline there.
 */
@Tag("heavy")
class DjlStaysOfflineTest {

    @Test
    void loadingAndEmbeddingUnderTheGuardTriesNoOffMachineConnection() {
        try (NetworkGuard guard = NetworkGuard.install();
                MiniLmEmbedder embedder = MiniLmEmbedder.load()) {
            embedder.embed(List.of("The cat sits on the mat", "A cat is sitting on a mat"));
            assertEquals(List.of(), guard.attempts());
        }
    }

    @Test
    void theGuardRefusesAndRecordsAnOffMachineConnectBeforeItLeaves() throws IOException {
        SecurityManager before = System.getSecurityManager();
        try (NetworkGuard guard = NetworkGuard.install(); Socket socket = new Socket()) {
            // 203.0.113.0/24 is TEST-NET-3: documentation only, never routed.
            SecurityException e = assertThrows(SecurityException.class,
                    () -> socket.connect(new InetSocketAddress("203.0.113.7", 80), 200));
            assertTrue(e.getMessage().contains("203.0.113.7:80"), e.getMessage());
            assertEquals(List.of(new NetworkGuard.Attempt("203.0.113.7", 80, Thread.currentThread().getName())),
                    guard.attempts());
            assertFalse(socket.isConnected());
        }
        assertSame(before, System.getSecurityManager(), "closing the guard puts back the manager it replaced");
    }

    @Test
    void theGuardLetsLoopbackThroughAndRefusesNamesUnresolved() {
        assertTrue(NetworkGuard.onThisMachine("127.0.0.1"));
        assertTrue(NetworkGuard.onThisMachine("::1"));
        assertTrue(NetworkGuard.onThisMachine("[::1]"));
        assertTrue(NetworkGuard.onThisMachine("localhost"));
        assertFalse(NetworkGuard.onThisMachine("169.254.169.254"));
        assertFalse(NetworkGuard.onThisMachine("example.com"));
        assertFalse(NetworkGuard.onThisMachine("10.0.0.1"));
    }

    @Test
    void aFreshJvmStartsDjlAndEmbedsWithoutAnyOffMachineAttempt() throws Exception {
        List<String> out = runProbe("offline");
        assertTrue(out.contains("DONE"), String.join("\n", out));
        assertTrue(out.contains("ATTEMPTS 0"), String.join("\n", out));
    }

    @Test
    void withoutDjlOfflineDjlsStartUpDoesTryToReachTheMetadataAddress() throws Exception {
        // The negative control: proves the guard sees what DjlOffline prevents.
        List<String> out = runProbe("bare");
        assertTrue(out.stream().anyMatch(line -> line.startsWith("ATTEMPT 169.254.169.254 ")),
                String.join("\n", out));
        assertNotEquals("ATTEMPTS 0", out.get(out.size() - 1));
    }

    private static List<String> runProbe(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.security.manager=allow",
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                DjlOfflineProbe.class.getName(), mode);
        // Surefire puts DJL_OFFLINE and OPT_OUT_TRACKING in the environment; the probe must do without.
        builder.environment().remove("DJL_OFFLINE");
        builder.environment().remove("OPT_OUT_TRACKING");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(lines::add);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe did not finish: " + lines);
        }
        return lines;
    }
}
