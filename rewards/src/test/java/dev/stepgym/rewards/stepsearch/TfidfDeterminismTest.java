package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TF-IDF rewards are bit-for-bit reproducible: the same input gives the same {@code double}, whatever
 * order equal inputs come in and whichever JVM computes it (issue 9, item 7). Floating-point addition
 * is not associative, so any sum over a hash-ordered map breaks this.
 */
class TfidfDeterminismTest {

    @Test
    void reorderedTokensGiveBitIdenticalCosines() {
        // Same term counts, different token order. These two-letter terms share HashMap buckets, so
        // the old hash-ordered sums added them in insertion order: 0.33609692727625745 for the first
        // text, 0.3360969272762574 for the second.
        List<String> golds = List.of("qq ab ab qq");
        double first = TfidfCosine.cosines("ab cd xy po mm ab", golds)[0];
        double second = TfidfCosine.cosines("xy ab po ab cd mm", golds)[0];
        assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(second), first + " vs " + second);
    }

    @Test
    void reorderedTokensGiveBitIdenticalInformationGain() {
        double first = new InformationGain(List.of("qq ab ab qq")).step(List.of("ab cd xy po mm ab"));
        double second = new InformationGain(List.of("ab qq qq ab")).step(List.of("xy ab po ab cd mm"));
        assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(second), first + " vs " + second);
    }

    @Test
    void matchesTheHandComputedValue() {
        // Fitted on ["alpha gamma", "alpha beta"]: idf(alpha) = ln(3/3) + 1 = 1, idf(gamma) = idf(beta)
        // = ln(3/2) + 1 = b = 1.4054651081. Rows [1, b]/sqrt(1 + b^2) share only alpha:
        // cos = 1 / (1 + b^2) = 1 / 2.9753321 = 0.3360969273.
        double b = Math.log(1.5) + 1.0;
        double expected = 1.0 / (1.0 + b * b);
        double ig = new InformationGain(List.of("alpha beta")).step(List.of("alpha gamma"));
        assertEquals(expected, ig, 1e-15);
        assertEquals(0.3360969273, ig, 1e-10);
        assertEquals(Double.doubleToLongBits(TfidfCosine.cosines("alpha gamma", List.of("alpha beta"))[0]),
                Double.doubleToLongBits(ig));
    }

    /**
     * {@code Map.copyOf}'s iteration order is salted per JVM start, so the old gold-paragraph maps
     * summed in a different order on each run: these values moved in their last bit between runs.
     * Several fresh JVMs must print the same bits as this one.
     */
    @Test
    void freshJvmsComputeTheSameBits() throws IOException, InterruptedException {
        String here = InformationGainProbe.bits();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire rewrites java.class.path, so name the two class folders the probe needs.
        String classPath = location(InformationGain.class) + File.pathSeparator + location(InformationGainProbe.class);
        List<String> seen = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            Process process = new ProcessBuilder(java, "-cp", classPath,
                    InformationGainProbe.class.getName()).redirectErrorStream(true).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.exitValue(), out);
            seen.add(out);
        }
        assertEquals(List.of(here, here, here, here, here), seen);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
