package dev.stepgym.rewards.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks where model work runs: the first GPU when the engine can use one, the CPU otherwise
 * (DESIGN.md §4). The system property {@code stepgym.device=auto|cpu|gpu} overrides the choice; the
 * CLI's {@code --device} sets it through {@link #choose(String)} before any model loads.
 *
 * <pre>{@code
 * Device device = Devices.best(Engine.getEngine("OnnxRuntime"));   // cpu on a machine without CUDA
 * }</pre>
 */
public final class Devices {
    /** {@code auto}, {@code cpu} or {@code gpu}; unset means {@code auto}: "GPU when the engine reports one". */
    public static final String DEVICE_PROPERTY = "stepgym.device";

    /** The engine every model-backed reward needs (the MiniLM embedder's): the one probed first. */
    static final String EMBEDDER_ENGINE = "OnnxRuntime";

    static {
        // Before any DJL class initialises: Engine's initialiser would otherwise call home.
        DjlOffline.ensure();
    }

    private Devices() {
    }

    /** What {@link #choose(String)} settled on, and the line the CLI prints about it. */
    public record Choice(String device, String reason) {
        /** e.g. {@code device: cpu (no GPU seen by DJL)}. */
        public String line() {
            return "device: " + device + " (" + reason + ")";
        }
    }

    /** The best device for DJL's default engine. */
    public static Device best() {
        return best(Engine.getInstance());
    }

    /**
     * {@code Device.gpu()} when {@code engine} can run on a GPU ({@link #usableGpus(Engine)} &gt; 0), else
     * {@code Device.cpu()}, unless {@value #DEVICE_PROPERTY} says otherwise.
     *
     * @throws IllegalArgumentException when the property holds something other than auto, cpu or gpu
     * @throws IllegalStateException when the property asks for a GPU the engine cannot use
     */
    public static Device best(Engine engine) {
        switch (wanted(System.getProperty(DEVICE_PROPERTY, ""))) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (usableGpus(engine) == 0) {
                    throw new IllegalStateException(DEVICE_PROPERTY + "=gpu but engine "
                            + engine.getEngineName() + " reports no usable GPU");
                }
                return Device.gpu();
            default:
                return usableGpus(engine) > 0 ? Device.gpu() : Device.cpu();
        }
    }

    /**
     * GPUs {@code engine} can run models on: its GPU count when it was built with CUDA, else 0 (ONNX Runtime's
     * CPU build, the default one, counts the GPUs of the machine but cannot use them).
     */
    public static int usableGpus(Engine engine) {
        return engine.hasCapability(StandardCapabilities.CUDA) ? engine.getGpuCount() : 0;
    }

    /**
     * Settles {@code --device} for the whole process before anything starts: sets {@value #DEVICE_PROPERTY},
     * which every model load reads through {@link #best(Engine)}. {@code auto} probes only the embedder's
     * engine (cheap) and leaves each other engine to take its own GPU when it has one; {@code gpu} requires
     * a usable GPU from every engine on the classpath, so that no model fails half-way through a run.
     *
     * @throws IllegalArgumentException when {@code wanted} is not auto, cpu or gpu
     * @throws IllegalStateException when {@code gpu} is asked for and an engine has none
     */
    public static Choice choose(String wanted) {
        String device = wanted(wanted);
        Choice choice = switch (device) {
            case "cpu" -> new Choice("cpu", "--device cpu");
            case "gpu" -> requireGpus();
            default -> {
                int gpus = usableGpus(Engine.getEngine(EMBEDDER_ENGINE));
                yield gpus > 0 ? new Choice("gpu", gpus + " GPU(s) seen by DJL through " + EMBEDDER_ENGINE)
                        : new Choice("cpu", "no GPU seen by DJL");
            }
        };
        System.setProperty(DEVICE_PROPERTY, device);
        return choice;
    }

    private static Choice requireGpus() {
        List<String> engines = new ArrayList<>(List.of(EMBEDDER_ENGINE));
        Engine.getAllEngines().stream().sorted().filter(name -> !engines.contains(name)).forEach(engines::add);
        int fewest = Integer.MAX_VALUE;
        for (String name : engines) {
            int gpus = usableGpus(Engine.getEngine(name));
            if (gpus == 0) {
                throw new IllegalStateException("--device gpu, but DJL sees no GPU that " + name + " can use"
                        + (name.equals(EMBEDDER_ENGINE) ? " (this build has ONNX Runtime's CPU build; on a machine with"
                        + " an NVIDIA GPU and CUDA 12, build with -Pgpu; see README, GPU)" : "")
                        + "; use --device auto or cpu");
            }
            fewest = Math.min(fewest, gpus);
        }
        return new Choice("gpu", fewest + " GPU(s) seen by DJL through " + String.join(", ", engines));
    }

    private static String wanted(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "", "auto" -> "auto";
            case "cpu", "gpu" -> wanted;
            default -> throw new IllegalArgumentException(DEVICE_PROPERTY + " must be auto, cpu or gpu, got '" + value + "'");
        };
    }
}
