package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.testkit.CounterGate;
import dev.stepgym.protocol.testkit.CounterProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 3: {@code batch_step} runs its entries concurrently, so one slow episode does not
 * hold up the others; the reply is still in request order, entries of one episode still run in
 * order, and a failing entry fails alone.
 */
@Timeout(60)
class ConcurrentBatchStepTest {
    private static final String ENV = CounterProvider.ID;

    @TempDir
    Path records;

    private final String instance = UUID.randomUUID().toString();
    private final List<EpisodeManager> managers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        CounterGate.open();
        managers.forEach(EpisodeManager::close);
    }

    private EpisodeManager manager() {
        EpisodeManager manager = new EpisodeManager(ServerConfig.defaults().withPort(0).withRecordDir(records)
                .withEnvSettings(ENV, Map.of("instance", instance)));
        managers.add(manager);
        return manager;
    }

    @Test
    void aBlockedEntryDoesNotHoldUpTheOtherEpisodes() throws Exception {
        EpisodeManager manager = manager();
        String slow = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        String fast = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        CounterGate.close();
        CompletableFuture<BatchResult> batch = CompletableFuture.supplyAsync(() -> manager.batchStep(List.of(
                new BatchStep(slow, Action.text("block")), new BatchStep(fast, Action.text("inc")),
                new BatchStep(fast, Action.text("inc")))));
        assertTrue(CounterGate.awaitBlocked(20, TimeUnit.SECONDS), "the first entry reached the gate");
        // While the first entry waits at the gate, both entries of the other episode are taken.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (manager.trajectory(fast).steps().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, manager.trajectory(fast).steps().size(), "the other episode's entries ran meanwhile");
        assertFalse(batch.isDone(), "the batch answers once every entry is done");
        CounterGate.open();
        List<Object> results = batch.get(20, TimeUnit.SECONDS).results();
        assertEquals(3, results.size());
        assertEquals(1, ((StepResult) results.get(0)).step());
        assertEquals("count=1 target=5", ((StepResult) results.get(1)).observation().text());
        assertEquals("count=2 target=5", ((StepResult) results.get(2)).observation().text());
    }

    @Test
    void entriesOfOneEpisodeRunInRequestOrderAndRepliesKeepIt() {
        EpisodeManager manager = manager();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId());
        }
        List<BatchStep> steps = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int e = 0; e < ids.size(); e++) {
                // Episode e goes up by e+1 each round: any reordering within an episode shows in its counts.
                steps.add(new BatchStep(ids.get(e), Action.text("add[" + (e + 1) + "]")));
            }
        }
        List<Object> results = manager.batchStep(steps).results();
        assertEquals(steps.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            int round = i / ids.size();
            int e = i % ids.size();
            StepResult r = assertInstanceOf(StepResult.class, results.get(i), String.valueOf(results.get(i)));
            assertEquals(round + 1, r.step(), "entry " + i);
            assertEquals("count=" + (round + 1) * (e + 1) + " target=5", r.observation().text(), "entry " + i);
        }
    }

    @Test
    void aFailingEntryFailsAloneAndLaterEntriesOfItsEpisodeStillRun() {
        EpisodeManager manager = manager();
        String a = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        String b = manager.reset(ResetCall.of(ENV, "target-5", 1L)).episodeId();
        List<Object> results = manager.batchStep(List.of(new BatchStep(a, Action.text("crash")),
                new BatchStep("ep-missing", Action.text("inc")), new BatchStep(b, Action.text("inc")),
                new BatchStep(a, Action.text("inc")))).results();
        assertEquals(ErrorCode.INTERNAL, ((ErrorBody) results.get(0)).error().code());
        assertEquals(ErrorCode.EPISODE_NOT_FOUND, ((ErrorBody) results.get(1)).error().code());
        assertEquals("count=1 target=5", ((StepResult) results.get(2)).observation().text());
        assertEquals("count=1 target=5", ((StepResult) results.get(3)).observation().text());
    }
}
