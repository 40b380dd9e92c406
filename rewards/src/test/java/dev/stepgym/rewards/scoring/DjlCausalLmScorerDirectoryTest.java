package dev.stepgym.rewards.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model directory is checked before DJL loads anything, with messages that say what to do. */
class DjlCausalLmScorerDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void torchScriptModelIsRefusedNamingThePyTorchEngine() throws IOException {
        Files.writeString(dir.resolve("model.pt"), "not really torchscript");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");

        String message = refusal();

        assertTrue(message.contains("TorchScript (.pt)"), message);
        assertTrue(message.contains("PyTorch engine"), message);
        assertTrue(message.contains("model.onnx"), message);
    }

    @Test
    void missingModelIsRefused() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");

        assertTrue(refusal().endsWith("has no model.onnx"), refusal());
    }

    @Test
    void missingTokenizerIsRefused() throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1});

        assertTrue(refusal().contains("has no tokenizer.json"), refusal());
    }

    private String refusal() {
        ScorerConfig config = ScorerConfig.parse(Map.of("scorer.type", "djl", "scorer.model_dir", dir.toString()));
        return assertThrows(IllegalArgumentException.class, () -> new DjlCausalLmScorer(config)).getMessage();
    }
}
