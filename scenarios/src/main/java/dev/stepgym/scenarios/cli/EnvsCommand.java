package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code stepgym envs}: what {@code GET /v1/envs} would list, without starting a server. */
@Command(name = "envs", mixinStandardHelpOptions = true, description = "List the registered environments.")
final class EnvsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        EnvironmentRegistry registry = Environments.registry(ServerConfig.defaults());
        for (String id : registry.ids()) {
            EnvSpec spec = registry.provider(id).spec();
            System.out.printf("%-12s max_steps=%-4d tools=%s%n  %s%n  reward components: %s%n", spec.id(), spec.maxSteps(),
                    spec.tools().stream().map(t -> t.name()).toList(), spec.description(), spec.rewardComponents());
        }
        return 0;
    }
}
