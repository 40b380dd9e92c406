package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.testkit.CounterProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 open episodes fit the memory budget (64 KiB each, environment included). The bound is
 * far above what the manager needs, so GC noise cannot make it fail; a per-step history kept in
 * memory would break it.
 */
@Tag("heavy")
class OpenEpisodeFootprintTest {
    @TempDir
    Path records;

    @Test
    void tenThousandOpenEpisodesStayWithinBudget() {
        int episodes = 10_000;
        try (EpisodeManager manager = new EpisodeManager(ServerConfig.defaults().withRecordDir(records)
                .withDefaultCapacity(episodes).withMaxOpenRecordFiles(64))) {
            long before = usedHeap();
            String[] ids = new String[episodes];
            for (int i = 0; i < episodes; i++) {
                ids[i] = manager.reset(ResetCall.of(CounterProvider.ID, null, (long) i)).episodeId();
                for (int s = 0; s < 5; s++) {
                    manager.step(ids[i], Action.text("inc"));
                }
            }
            long after = usedHeap();
            assertEquals(episodes, manager.openEpisodes());
            long perEpisode = (after - before) / episodes;
            System.out.println("heap per open counter episode: " + perEpisode + " bytes");
            assertTrue(perEpisode < 64 * 1024, "heap per open episode: " + perEpisode + " bytes");
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
