package dev.stepgym.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.rewards.embed.Devices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --device} as a user meets it: which commands take it, the line printed, the refusal of a missing GPU. */
class DeviceOptionsTest {
    private static final String GRPO = "{\"transform\":{\"name\":\"grpo\",\"params\":{\"normalize_std\":false}},"
            + "\"group\":[{\"id\":\"a\",\"rewards\":[0.0,0.5],\"outcome\":1.0},{\"id\":\"b\",\"rewards\":[0.2],\"outcome\":0.0}]}";

    private record Ran(int exit, String out, String err) {
    }

    private String before;

    @BeforeEach
    void startWithoutAChoice() {
        before = System.getProperty(Devices.DEVICE_PROPERTY);
        System.clearProperty(Devices.DEVICE_PROPERTY);
    }

    @AfterEach
    void restoreTheChoice() {
        if (before == null) {
            System.clearProperty(Devices.DEVICE_PROPERTY);
        } else {
            System.setProperty(Devices.DEVICE_PROPERTY, before);
        }
    }

    private static String wanted(String... args) {
        return DeviceOptions.wanted(new CommandLine(new StepGymCli()).parseArgs(args));
    }

    private static Ran run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = StepGymCli.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Ran(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }

    private static boolean noUsableGpu() {
        return Devices.usableGpus(ai.djl.engine.Engine.getEngine("OnnxRuntime")) == 0;
    }

    @Test
    void serveRunEvalEvalCodeAndEveryRewardsCommandTakeIt() {
        assertEquals("cpu", wanted("serve", "--device", "cpu"));
        assertEquals("gpu", wanted("run", "--device=gpu"));
        assertEquals("auto", wanted("eval"), "auto when not given");
        assertEquals("cpu", wanted("eval", "code", "--device", "cpu", "--tasks", "x"), "eval code inherits it");
        assertEquals("cpu", wanted("eval", "--device", "cpu", "code"), "given to eval, it holds for eval code");
        assertEquals("GPU", wanted("rewards", "score", "--device", "GPU", "--input", "x"), "checked when applied");
        assertEquals("auto", wanted("rewards", "transform", "--input", "x"));
        assertNull(wanted("envs"), "commands that load no model do not take it");
    }

    @Test
    void withoutTheFlagTheJvmPropertyIsTheDefault() {
        System.setProperty(Devices.DEVICE_PROPERTY, "cpu");
        assertEquals("cpu", wanted("run"));
        assertEquals("gpu", wanted("run", "--device", "gpu"), "the flag wins");
        System.setProperty(Devices.DEVICE_PROPERTY, " ");
        assertEquals("auto", wanted("run"));
    }

    @Test
    void autoSettlesOnTheCpuHereAndSaysSoOnceOnStandardError(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(noUsableGpu(), "a GPU ONNX Runtime can use is present");
        Path input = Files.writeString(dir.resolve("grpo.json"), GRPO);
        Ran ran = run("rewards", "transform", "--input", input.toString());
        assertEquals(0, ran.exit(), ran.err());
        assertEquals("device: cpu (no GPU seen by DJL)\n", ran.err().replace("\r", ""));
        assertTrue(ran.out().startsWith("{\"results\""), "standard output stays the JSON answer: " + ran.out());
        assertEquals("auto", System.getProperty(Devices.DEVICE_PROPERTY));
    }

    @Test
    void cpuIsTakenAsAsked(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("grpo.json"), GRPO);
        Ran ran = run("rewards", "transform", "--device", "cpu", "--input", input.toString());
        assertEquals(0, ran.exit(), ran.err());
        assertEquals("device: cpu (--device cpu)\n", ran.err().replace("\r", ""));
        assertEquals("cpu", System.getProperty(Devices.DEVICE_PROPERTY));
    }

    @Test
    void aGpuWhereThereIsNoneIsAClearErrorBeforeAnythingStarts(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(noUsableGpu(), "a GPU ONNX Runtime can use is present");
        Path records = dir.resolve("runs");
        Ran ran = run("run", "--device", "gpu", "--episodes", "1", "--record-dir", records.toString());
        assertEquals(2, ran.exit());
        assertTrue(ran.err().startsWith("stepgym: --device gpu, but DJL sees no GPU that OnnxRuntime can use"), ran.err());
        assertTrue(ran.err().contains("-Pgpu"), "says how to get a GPU build: " + ran.err());
        assertEquals("", ran.out(), "nothing started");
        assertTrue(Files.notExists(records), "no episode ran");
    }

    @Test
    void anUnknownDeviceIsAClearError() {
        Ran ran = run("eval", "code", "--device", "tpu", "--tasks", "x");
        assertEquals(2, ran.exit());
        assertEquals("stepgym: --device must be one of [auto, cpu, gpu], got 'tpu'\n", ran.err().replace("\r", ""));
        assertEquals("", ran.out());
    }

    @Test
    void helpDoesNotProbeAndListsTheOption() {
        Ran ran = run("serve", "--device", "gpu", "--help");
        assertEquals(0, ran.exit(), ran.err());
        assertTrue(ran.out().contains("--device=auto|cpu|gpu"), ran.out());
        assertEquals("", ran.err());
    }
}
