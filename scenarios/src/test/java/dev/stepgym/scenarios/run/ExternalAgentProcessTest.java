package dev.stepgym.scenarios.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An external agent process is bounded: in time (its whole tree killed), in output, and a bad command is a clear error. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExternalAgentProcessTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void itsEnvironmentAndOutputAreKept(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("logs/t.log");
        ExternalAgentProcess.Result result = ExternalAgentProcess.run(List.of(PYTHON, "-c",
                        "import os, sys; print(os.environ['STEPGYM_TASK']); print('err', file=sys.stderr); sys.exit(3)"),
                Map.of("STEPGYM_TASK", "t-1"), log, Duration.ofSeconds(30), 1 << 20);
        assertEquals(3, result.exitCode());
        assertFalse(result.timedOut());
        String text = Files.readString(log);
        assertTrue(text.contains("t-1") && text.contains("err"), text);
    }

    @Test
    void pastItsLimitTheProcessAndItsChildrenAreKilled(@TempDir Path tmp) throws Exception {
        Path pid = tmp.resolve("child.pid");
        long start = System.nanoTime();
        ExternalAgentProcess.Result result = ExternalAgentProcess.run(List.of(PYTHON, "-c",
                        "import subprocess, sys, time\nc = subprocess.Popen(['sleep', '300'])\n"
                                + "open(sys.argv[1], 'w').write(str(c.pid))\ntime.sleep(300)", pid.toString()),
                Map.of(), tmp.resolve("t.log"), Duration.ofSeconds(2), 1 << 20);
        assertTrue(result.timedOut());
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "bounded by the limit");
        assertTrue(result.killedBecause(Duration.ofSeconds(2), 1 << 20).contains("time limit of 2 s"));
        long child = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child is gone too");
    }

    @Test
    void aFloodOfOutputIsCutAndStopped(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("t.log");
        ExternalAgentProcess.Result result = ExternalAgentProcess.run(List.of(PYTHON, "-c",
                "import sys\nwhile True:\n    sys.stdout.write('x' * 4096)"), Map.of(), log, Duration.ofSeconds(30), 64 << 10);
        assertTrue(result.logTooLarge() && !result.timedOut());
        assertTrue(Files.size(log) < (64 << 10) + 200, "the log is cut at the cap: " + Files.size(log));
        assertTrue(Files.readString(log).endsWith("[stepgym: output cut at 65536 bytes]\n"));
    }

    @Test
    void aCommandThatCannotStartSaysSo(@TempDir Path tmp) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ExternalAgentProcess.run(
                List.of(tmp.resolve("no-such-agent").toString()), Map.of(), tmp.resolve("t.log"), Duration.ofSeconds(5), 1024));
        assertTrue(e.getMessage().contains("cannot start the agent command"), e.getMessage());
    }
}
