package dev.stepgym.rewards.scoring;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorerConfigTest {

    @Test
    void nothingConfiguredMeansTheProxyWithDefaults() {
        ScorerConfig config = ScorerConfig.parse(Map.of("other.key", "ignored"));

        assertEquals(ScorerConfig.Type.PROXY, config.type());
        assertEquals(Duration.ofSeconds(10), config.timeout());
        assertEquals(1, config.retries());
        assertEquals(16, config.maxBatch());
        assertEquals(Duration.ofMillis(5), config.maxWait());
        assertEquals("auto", config.device());
        assertNull(config.baseUrl());
        assertEquals(config, ScorerConfig.defaults());
    }

    @Test
    void readsEveryOpenAiKey() {
        ScorerConfig config = ScorerConfig.parse(Map.of(
                "scorer.type", "OpenAI",
                "scorer.base_url", "http://127.0.0.1:8000/v1",
                "scorer.model", "Qwen/Qwen2.5-7B-Instruct",
                "scorer.api_key", "sk-x",
                "scorer.timeout_ms", "2000",
                "scorer.retries", "3",
                "scorer.max_batch", "8",
                "scorer.max_wait_ms", "0"));

        assertEquals(ScorerConfig.Type.OPENAI, config.type());
        assertEquals(URI.create("http://127.0.0.1:8000/v1"), config.baseUrl());
        assertEquals("Qwen/Qwen2.5-7B-Instruct", config.model());
        assertEquals("sk-x", config.apiKey());
        assertEquals(Duration.ofMillis(2000), config.timeout());
        assertEquals(3, config.retries());
        assertEquals(8, config.maxBatch());
        assertEquals(Duration.ZERO, config.maxWait());
        assertFalse(config.toString().contains("sk-x"), config.toString());
    }

    @Test
    void readsDjlKeys() {
        ScorerConfig config = ScorerConfig.parse(Map.of("scorer.type", "djl", "scorer.model_dir", "/models/qwen", "scorer.device", "CPU"));

        assertEquals(ScorerConfig.Type.DJL, config.type());
        assertEquals(Path.of("/models/qwen"), config.modelDir());
        assertEquals("cpu", config.device());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("scorer.timeout_ms must be an integer, got 'soon'", Map.of("scorer.timeout_ms", "soon"));
        assertMessage("scorer.timeout_ms must be between 1", Map.of("scorer.timeout_ms", "0"));
        assertMessage("scorer.retries must be between 0", Map.of("scorer.retries", "-1"));
        assertMessage("scorer.max_batch must be between 1", Map.of("scorer.max_batch", "0"));
        assertMessage("scorer.max_wait_ms must be an integer", Map.of("scorer.max_wait_ms", "1.5"));
        assertMessage("scorer.type must be one of proxy, openai, djl, trainer; got 'vllm'", Map.of("scorer.type", "vllm"));
        assertMessage("scorer.device must be auto, cpu or gpu", Map.of("scorer.device", "tpu"));
        assertMessage("scorer.base_url must be an http(s) URL", Map.of("scorer.type", "openai", "scorer.model", "m",
                "scorer.base_url", "ftp://host/v1"));
        assertMessage("scorer.base_url is not a valid URL", Map.of("scorer.type", "openai", "scorer.model", "m",
                "scorer.base_url", "http://bad host/"));
    }

    @Test
    void requiredKeysPerTypeAreChecked() {
        assertMessage("scorer.base_url is required when scorer.type=openai", Map.of("scorer.type", "openai", "scorer.model", "m"));
        assertMessage("scorer.model is required when scorer.type=openai", Map.of("scorer.type", "openai",
                "scorer.base_url", "http://127.0.0.1:8000/v1"));
        assertMessage("scorer.model_dir is required when scorer.type=djl", Map.of("scorer.type", "djl"));
    }

    @Test
    void unknownScorerKeyIsRefused() {
        assertMessage("unknown scorer settings [scorer.timeout]", Map.of("scorer.timeout", "5"));
    }

    @Test
    void factoryBuildsTheConfiguredKind() {
        try (BeliefScorer trainer = BeliefScorers.create(ScorerConfig.parse(Map.of("scorer.type", "trainer")), () -> null)) {
            assertInstanceOf(TrainerBeliefScorer.class, trainer);
        }
        try (BeliefScorer proxy = BeliefScorers.create(ScorerConfig.defaults(), () -> new TableEmbedder(Map.of()))) {
            assertInstanceOf(EmbeddingBeliefProxy.class, proxy);
            assertEquals("proxy:minilm-evidence", proxy.source());
        }
        try (BeliefScorer openai = BeliefScorers.create(ScorerConfig.parse(Map.of("scorer.type", "openai",
                "scorer.base_url", "http://127.0.0.1:9/v1/", "scorer.model", "m")), () -> null)) {
            assertInstanceOf(OpenAiCompletionsScorer.class, openai);
            assertEquals(URI.create("http://127.0.0.1:9/v1/completions"), ((OpenAiCompletionsScorer) openai).endpoint());
        }
    }

    @Test
    void djlScorerRefusesAMissingDirectory() {
        ScorerConfig config = ScorerConfig.parse(Map.of("scorer.type", "djl", "scorer.model_dir", "/nonexistent/stepgym-model"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BeliefScorers.create(config, () -> null));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    private static void assertMessage(String expectedStart, Map<String, String> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScorerConfig.parse(settings));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
