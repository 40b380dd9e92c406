package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default build's ONNX Runtime is the CPU build, so its engine reports no usable GPU on any machine; the
 * tests that depend on that are skipped under {@code -Pgpu} on a GPU machine (scripts/gpu-check.sh), where
 * {@code -Dstepgym.device=gpu} is kept for the tests that run after these.
 */
class DevicesTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(Devices.DEVICE_PROPERTY);
        System.clearProperty(Devices.DEVICE_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Devices.DEVICE_PROPERTY);
        } else {
            System.setProperty(Devices.DEVICE_PROPERTY, before);
        }
    }

    private static Engine onnx() {
        DjlOffline.ensure();
        return Engine.getEngine("OnnxRuntime");
    }

    private static void assumeNoUsableGpu() {
        assumeTrue(Devices.usableGpus(onnx()) == 0, "ONNX Runtime can use a GPU here (a -Pgpu build)");
    }

    @Test
    void withoutAGpuTheBestDeviceIsTheCpu() {
        assumeNoUsableGpu();
        assertEquals(Device.cpu(), Devices.best(onnx()));
        assertEquals(Device.cpu(), Devices.best());
        System.setProperty(Devices.DEVICE_PROPERTY, "auto");
        assertEquals(Device.cpu(), Devices.best(onnx()));
    }

    @Test
    void thePropertyCanForceTheCpu() {
        System.setProperty(Devices.DEVICE_PROPERTY, " CPU ");
        assertEquals(Device.cpu(), Devices.best(onnx()));
    }

    @Test
    void askingForAGpuTheEngineCannotUseIsAClearError() {
        assumeNoUsableGpu();
        System.setProperty(Devices.DEVICE_PROPERTY, "gpu");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.best(onnx()));
        assertTrue(e.getMessage().contains("no usable GPU"), e.getMessage());
    }

    @Test
    void anUnknownDeviceNameIsRejected() {
        System.setProperty(Devices.DEVICE_PROPERTY, "tpu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.best(onnx()));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
    }

    @Test
    void choosingAutoWithoutAGpuSettlesOnTheCpuAndSaysWhy() {
        assumeNoUsableGpu();
        Devices.Choice choice = Devices.choose("auto");
        assertEquals("device: cpu (no GPU seen by DJL)", choice.line());
        assertEquals("auto", System.getProperty(Devices.DEVICE_PROPERTY), "each engine still takes its own GPU");
    }

    @Test
    void choosingTheCpuSetsThePropertyEveryModelLoadReads() {
        assertEquals("device: cpu (--device cpu)", Devices.choose("cpu").line());
        assertEquals(Device.cpu(), Devices.best(onnx()));
    }

    @Test
    void choosingAGpuWhereThereIsNoneFailsAndLeavesThePropertyAlone() {
        assumeNoUsableGpu();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.choose("gpu"));
        assertTrue(e.getMessage().contains("no GPU that OnnxRuntime can use") && e.getMessage().contains("-Pgpu"),
                e.getMessage());
        assertEquals(null, System.getProperty(Devices.DEVICE_PROPERTY));
    }
}
