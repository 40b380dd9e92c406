package dev.stepgym.protocol.server;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.testkit.CounterProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The server tells every environment factory its own origin once it listens (EnvironmentFactory#serverListening). */
class ServerListeningTest {

    @Test
    void aFactoryOpenedAfterTheServerListensLearnsItsOriginWithTheBoundPort() {
        List<String> told = new CopyOnWriteArrayList<>();
        EnvironmentRegistry registry = EnvironmentRegistry.discover().map(p -> new Telling(p, told));
        try (RunningServer server = RunningServer.start(ServerConfig.defaults().withPort(0), registry)) {
            assertEquals(List.of(), told, "factories open lazily");
            server.manager().webPages(CounterProvider.ID);
            assertEquals(List.of("http://127.0.0.1:" + server.port()), told);
            server.manager().webPages(CounterProvider.ID);
            assertEquals(1, told.size(), "told once per factory");
        }
    }

    @Test
    void aWildcardHostBecomesLoopback() {
        assertEquals("http://127.0.0.1:8080", StepGymServer.origin("0.0.0.0", 8080));
        assertEquals("http://127.0.0.1:81", StepGymServer.origin("127.0.0.1", 81));
        assertEquals("http://[::1]:81", StepGymServer.origin("::1", 81));
    }

    private record Telling(EnvironmentProvider inner, List<String> told) implements EnvironmentProvider {
        @Override
        public EnvSpec spec() {
            return inner.spec();
        }

        @Override
        public EnvironmentFactory open(Map<String, String> settings) {
            EnvironmentFactory factory = inner.open(settings);
            return new EnvironmentFactory() {
                public EnvSpec spec() {
                    return factory.spec();
                }

                public Environment newEpisode() {
                    return factory.newEpisode();
                }

                public List<String> tasks(String split) {
                    return factory.tasks(split);
                }

                public void serverListening(String origin) {
                    told.add(origin);
                }

                public void close() {
                    factory.close();
                }
            };
        }
    }
}
