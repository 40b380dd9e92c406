package dev.stepgym.rewards.embed;

import java.util.Map;

/**
 * Puts DJL into offline mode before any DJL class initialises.
 *
 * <p>Why: DJL 0.36's {@code Engine} class initialiser calls {@code Ec2Utils.callHome}, which
 * asks the cloud metadata address {@code 169.254.169.254} for an instance id and then reports to
 * an outside telemetry bucket, unless {@code Utils.isOfflineMode()} is true or
 * {@code OPT_OUT_TRACKING} is true. DJL reads both on every call, environment first, then the
 * system property: {@code isOfflineMode()} is {@code getenv("DJL_OFFLINE")}, falling back to the
 * system property {@code ai.djl.offline}; tracking is {@code getenv("OPT_OUT_TRACKING")}, falling
 * back to the system property {@code OPT_OUT_TRACKING}. Java cannot set environment variables,
 * so this class sets the two system properties. Offline mode also keeps the tokenizer from
 * downloading a CUDA build of its native library and the model zoo from downloading models.
 *
 * <p>This class names no DJL type, so loading it never loads DJL. Every class of this package
 * that touches DJL calls {@link #ensure()} first thing in its static initialiser; a static
 * initialiser runs before any of the class's own code, and DJL's call home runs only when
 * {@code Engine} is initialised (class <em>loading</em> during verification does not initialise).
 *
 * <pre>{@code
 * DjlOffline.ensure();                       // before the first DJL call
 * Engine engine = Engine.getEngine("OnnxRuntime");
 * }</pre>
 */
public final class DjlOffline {
    /** System property DJL reads for offline mode when the environment has no DJL_OFFLINE. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** Read by DJL as environment variable first, then as a system property of the same name. */
    public static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";
    private static final String OFFLINE_ENV = "DJL_OFFLINE";
    /** ONNX Runtime engine: {@code true} keeps it from borrowing another engine for NDArray operations. */
    public static final String ORT_ALTERNATIVE_PROPERTY = "ai.djl.onnx.disable_alternative";

    private DjlOffline() {
    }

    /**
     * Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}; idempotent and cheap.
     *
     * @throws IllegalStateException when the environment sets DJL_OFFLINE or OPT_OUT_TRACKING to
     *         anything but {@code true}: DJL lets the environment win over system properties, so
     *         such a process cannot be kept offline from Java
     */
    public static void ensure() {
        check(System.getenv(), OFFLINE_ENV);
        check(System.getenv(), TRACKING_PROPERTY);
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(TRACKING_PROPERTY, "true");
        // With PyTorch on the classpath (the progress model), ONNX Runtime would hand the NDArray
        // operations it lacks to PyTorch and start that engine for every embedding; keep it alone.
        if (System.getProperty(ORT_ALTERNATIVE_PROPERTY) == null) {
            System.setProperty(ORT_ALTERNATIVE_PROPERTY, "true");
        }
    }

    static void check(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value != null && !Boolean.parseBoolean(value)) {
            throw new IllegalStateException("environment variable " + variable + "=" + value
                    + " overrides DJL's offline system properties and would let DJL contact an outside"
                    + " address; unset it or set it to true");
        }
    }
}
