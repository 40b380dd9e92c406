package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 scoring calls must not grow DJL's manager tree, the heap or native memory: every call's
 * arrays live in a sub-manager closed before the call returns. Measured after call 1,000 (ONNX
 * Runtime's arena and the JIT have warmed up) and after call 10,000.
 */
@Tag("heavy")
class MiniLmMemoryTest {
    private static final long BOUND_BYTES = 64L << 20;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void tenThousandCallsKeepMemoryFlat() throws IOException {
        // The quantized build: faster, and what is measured (NDArray scoping) does not depend on the variant.
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(MiniLmModel.QUANTIZED)) {
            int liveAtStart = embedder.liveArrays();
            Snapshot warm = null;
            for (int call = 1; call <= 10_000; call++) {
                // Varying lengths, so the arena sees many shapes, as episodes' queries do.
                embedder.embedOne("query " + call + " about the river city museum".repeat(1 + call % 5));
                if (call == 1_000) {
                    warm = Snapshot.take();
                }
            }
            Snapshot end = Snapshot.take();
            long heapGrowth = end.usedHeap - warm.usedHeap;
            long nativeGrowth = end.nativeBytes - warm.nativeBytes;

            assertEquals(liveAtStart, embedder.liveArrays(), "NDArrays left under the model's manager");
            assertEquals(10_000, embedder.forwardPasses());
            assertTrue(heapGrowth < BOUND_BYTES, "heap grew by " + heapGrowth + " bytes");
            assertTrue(nativeGrowth < BOUND_BYTES, "memory outside the Java heap grew by " + nativeGrowth
                    + " bytes (" + warm + " -> " + end + ")");
        }
    }

    /**
     * @param usedHeap live heap after GC
     * @param nativeBytes resident memory (VmRSS) less the JVM's committed heap and non-heap, so
     *        that the heap growing or shrinking its committed size does not count as a leak
     */
    private record Snapshot(long usedHeap, long nativeBytes) {
        static Snapshot take() throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long committed = MEMORY.getHeapMemoryUsage().getCommitted() + MEMORY.getNonHeapMemoryUsage().getCommitted();
            return new Snapshot(MEMORY.getHeapMemoryUsage().getUsed(), residentBytes() - committed);
        }
    }

    /** VmRSS from /proc/self/status: native memory (ONNX Runtime, tensors) included. */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
