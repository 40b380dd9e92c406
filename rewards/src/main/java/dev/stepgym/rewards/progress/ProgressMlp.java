package dev.stepgym.rewards.progress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.stepgym.rewards.embed.Devices;
import dev.stepgym.rewards.embed.DjlOffline;

/**
 * The contribution head: features → Linear(hidden) → ReLU → Linear(1) = ĉ_t, on DJL's PyTorch
 * engine (the CPU native jar from Maven Central; DJL never downloads, see {@link DjlOffline}).
 */
final class ProgressMlp {
    static final String ENGINE = "PyTorch";

    static {
        DjlOffline.ensure();
        // The model is tiny: one thread per op beats PyTorch's pool, which only contends on a busy machine.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private ProgressMlp() {
    }

    static Block block(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    /** A model holding a fresh block, on {@link Devices#best(Engine)} (the CPU unless a GPU build of PyTorch is loaded). */
    static Model newModel(int hidden) {
        Device device = Devices.best(Engine.getEngine(ENGINE));
        Model model = Model.newInstance(ProgressManifest.PARAMS_PREFIX, device, ENGINE);
        model.setBlock(block(hidden));
        return model;
    }

    static NDArray matrix(NDManager manager, float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return manager.create(flat, new Shape(rows.length, width));
    }

    /** ĉ_t of each row, in inference mode; intermediates live in a sub-manager that is closed here. */
    static float[] contributions(Model model, float[][] rows, int width) {
        if (rows.length == 0) {
            return new float[0];
        }
        try (NDManager sub = model.getNDManager().newSubManager()) {
            NDArray x = matrix(sub, rows, width);
            NDArray out = model.getBlock().forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
            return out.reshape(rows.length).toFloatArray();
        }
    }
}
