package dev.stepgym.rewards.embed;

import dev.stepgym.protocol.testkit.NetworkGuard;
import java.util.List;

/**
 * Run in a fresh JVM by {@link DjlStaysOfflineTest}, so that DJL's engine start-up happens under
 * the guard. {@code offline}: load and use the embedder as production code does. {@code bare}:
 * start DJL's engine without {@link DjlOffline}, the negative control. Prints one
 * {@code ATTEMPT host port} line per refused connection, then {@code ATTEMPTS n}.
 */
final class DjlOfflineProbe {
    private DjlOfflineProbe() {
    }

    public static void main(String[] args) {
        NetworkGuard guard = NetworkGuard.install();
        try {
            if (args.length == 1 && args[0].equals("offline")) {
                try (MiniLmEmbedder embedder = MiniLmEmbedder.load()) {
                    embedder.embed(List.of("The cat sits on the mat", "Stock markets fell sharply"));
                }
            } else if (args.length == 1 && args[0].equals("bare")) {
                ai.djl.engine.Engine.getEngine("OnnxRuntime").getVersion();
            } else {
                throw new IllegalArgumentException("usage: DjlOfflineProbe offline|bare");
            }
            System.out.println("DONE");
        } catch (Throwable e) {
            // The bare run may fail once the guard refuses DJL's call home; the attempts still count.
            System.out.println("FAILED " + e);
        } finally {
            for (NetworkGuard.Attempt attempt : guard.attempts()) {
                System.out.println("ATTEMPT " + attempt.host() + " " + attempt.port());
            }
            System.out.println("ATTEMPTS " + guard.attempts().size());
            guard.close();
        }
    }
}
