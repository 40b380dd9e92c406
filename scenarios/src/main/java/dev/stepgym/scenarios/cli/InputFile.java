package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON file given on the command line ({@code -} for stdin), read with an error that names it. */
final class InputFile {
    private InputFile() {}

    static Object readJson(Path input) throws IOException {
        String text = input.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(input);
        try {
            return Json.mapper().readValue(text, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(input + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
