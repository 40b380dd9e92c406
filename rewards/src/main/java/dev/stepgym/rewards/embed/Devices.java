package dev.stepgym.rewards.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Picks where model work runs: the first GPU when the engine can use one, the CPU otherwise
 * (DESIGN.md §4). The system property {@code stepgym.device=cpu|gpu} overrides the choice.
 *
 * <pre>{@code
 * Device device = Devices.best(Engine.getEngine("OnnxRuntime"));   // cpu on a machine without CUDA
 * }</pre>
 */
public final class Devices {
    /** {@code cpu} or {@code gpu}; unset means "GPU when the engine reports one". */
    public static final String DEVICE_PROPERTY = "stepgym.device";

    static {
        // Before any DJL class initialises: Engine's initialiser would otherwise call home.
        DjlOffline.ensure();
    }

    private Devices() {
    }

    /** The best device for DJL's default engine. */
    public static Device best() {
        return best(Engine.getInstance());
    }

    /**
     * {@code Device.gpu()} when {@code engine.getGpuCount() > 0}, else {@code Device.cpu()}, unless
     * {@value #DEVICE_PROPERTY} says otherwise.
     *
     * @throws IllegalArgumentException when the property holds something other than cpu or gpu
     * @throws IllegalStateException when the property asks for a GPU the engine cannot use
     */
    public static Device best(Engine engine) {
        String wanted = System.getProperty(DEVICE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        int gpus = engine.getGpuCount();
        switch (wanted) {
            case "":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalStateException(DEVICE_PROPERTY + "=gpu but engine "
                            + engine.getEngineName() + " reports no usable GPU");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException(DEVICE_PROPERTY + " must be cpu or gpu, got '"
                        + System.getProperty(DEVICE_PROPERTY) + "'");
        }
    }
}
