package dev.stepgym.protocol.testkit;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;

import java.util.List;
import java.util.Map;

/**
 * {@code counter-v1}: bring a counter from 0 (or {@code options.start}) to a target, then say
 * {@code done}. Small, deterministic and instant, with every feature the server must handle:
 * text and tool actions, step/outcome/penalty rewards, invalid actions, privileged info, fork,
 * web pages, and two actions for failure tests ({@code crash} throws like an environment bug,
 * {@code block} waits for {@link CounterGate}, {@code spin[ms]} keeps a CPU busy that long, deaf to interrupts).
 *
 * <p>Settings: {@code instance} (a name under which the factory can be found with
 * {@link CounterFactory#instance(String)}); any other key is refused.
 */
public final class CounterProvider implements EnvironmentProvider {
    public static final String ID = "counter-v1";
    public static final int MAX_STEPS = 20;
    public static final String PROGRESS = "progress";
    public static final String INVALID_ACTION = "invalid_action";
    public static final String SUCCESS = "success";

    static final EnvSpec SPEC = new EnvSpec(ID,
            "Toy environment: bring the counter to the target value with inc, dec and add[n], then say done.",
            "text",
            List.of(new ToolSpec("inc", "Add one to the counter", Map.of("type", "object", "properties", Map.of())),
                    new ToolSpec("dec", "Subtract one from the counter", Map.of("type", "object", "properties", Map.of())),
                    new ToolSpec("add", "Add an amount to the counter", Map.of("type", "object",
                            "properties", Map.of("amount", Map.of("type", "integer", "description", "how much to add")),
                            "required", List.of("amount"))),
                    new ToolSpec("done", "Finish the episode", Map.of("type", "object", "properties", Map.of()))),
            MAX_STEPS,
            List.of(PROGRESS, INVALID_ACTION, SUCCESS));

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    @Override
    public EnvironmentFactory open(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!key.equals("instance")) {
                throw new IllegalArgumentException("unknown counter-v1 setting '" + key + "'; known: instance");
            }
        }
        return new CounterFactory(settings.get("instance"));
    }
}
