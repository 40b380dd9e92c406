package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** This project's ONNX Runtime is the CPU build, so its engine reports no GPU on any machine. */
class DevicesTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(Devices.DEVICE_PROPERTY);
    }

    private static Engine onnx() {
        DjlOffline.ensure();
        return Engine.getEngine("OnnxRuntime");
    }

    @Test
    void withoutAGpuTheBestDeviceIsTheCpu() {
        assertEquals(0, onnx().getGpuCount());
        assertEquals(Device.cpu(), Devices.best(onnx()));
        assertEquals(Device.cpu(), Devices.best());
    }

    @Test
    void thePropertyCanForceTheCpu() {
        System.setProperty(Devices.DEVICE_PROPERTY, " CPU ");
        assertEquals(Device.cpu(), Devices.best(onnx()));
    }

    @Test
    void askingForAGpuTheEngineCannotUseIsAClearError() {
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
}
