package dev.stepgym.envs.code;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentProvider;

import java.util.Map;

/**
 * {@code code-v1}, found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * try (var factory = new CodeEnvironmentProvider().open(Map.of())) {   // the built-in suite
 *     var env = factory.newEpisode();
 * }
 * }</pre>
 */
public final class CodeEnvironmentProvider implements EnvironmentProvider {
    public static final String ID = "code-v1";
    public static final int MAX_STEPS = 30;

    private static final EnvSpec SPEC = new EnvSpec(ID,
            "Python repositories under Git behind a real language server (pyright): navigate (definition, references, "
                    + "hover, symbols), read diagnostics and files, edit by line range, symbol or content anchor, rename "
                    + "through the server, apply patches, run the visible tests in a sandbox, submit for the hidden tests. "
                    + "Step rewards: Lanser's diagnostic delta, safety and ambiguity penalty on every change; test-pass delta; "
                    + "outcome: hidden tests.",
            "tool",
            CodeTools.specs(),
            MAX_STEPS,
            CodeEnvironment.REWARD_COMPONENTS);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /**
     * Settings: {@code tasks_dir}, {@code max_servers}, {@code request_timeout_ms},
     * {@code idle_workspaces_per_task}, {@code alpha}, {@code beta}, {@code gamma}.
     */
    @Override
    public CodeEnvironmentFactory open(Map<String, String> settings) {
        return new CodeEnvironmentFactory(SPEC, CodeStore.open(CodeSettings.parse(settings == null ? Map.of() : settings)));
    }
}
