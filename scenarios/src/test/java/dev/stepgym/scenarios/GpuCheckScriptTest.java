package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/gpu-check.sh where no GPU is lent (this machine, CI): it parses, and it refuses at once with a clear
 * line, touching nothing. The GPU run itself is only possible on a GPU machine (README, GPU).
 */
class GpuCheckScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "gpu-check.sh").toAbsolutePath().normalize();

    private record Ran(int exit, String out) {
    }

    private static Ran bash(List<String> args, String nvidiaSmi) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("STEPGYM_NVIDIA_SMI", nvidiaSmi);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(args + " did not stop within 30 s");
        }
        return new Ran(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theScriptParses() throws Exception {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is executable");
        Ran ran = bash(List.of("bash", "-n", SCRIPT.toString()), "nvidia-smi");
        assertEquals(0, ran.exit(), ran.out());
    }

    @Test
    void withoutAnNvidiaGpuItRefusesClearlyAndDoesNothing() throws Exception {
        Ran ran = bash(List.of("bash", SCRIPT.toString()), "/nonexistent/nvidia-smi");
        assertEquals(2, ran.exit(), ran.out());
        assertEquals("gpu-check: no NVIDIA GPU on this machine (/nonexistent/nvidia-smi not found); run it where there"
                + " is one. Nothing was done.\n", ran.out());
    }

    @Test
    void aDriverThatListsNoGpuIsRefusedToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\necho 'No devices were found'\nexit 6\n");
        assertTrue(fake.toFile().setExecutable(true));
        Ran ran = bash(List.of("bash", SCRIPT.toString()), fake.toString());
        assertEquals(2, ran.exit(), ran.out());
        assertTrue(ran.out().contains("lists no GPU (No devices were found)"), ran.out());
    }
}
