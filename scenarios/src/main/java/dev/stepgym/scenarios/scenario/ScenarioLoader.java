package dev.stepgym.scenarios.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenario files. A name without a path separator or {@code .json} suffix is looked up among
 * the bundled scenarios; anything else is a file. Unknown keys are errors so a typo cannot pass
 * silently.
 */
public final class ScenarioLoader {
    /** The scenarios shipped on the class path under {@code /scenarios/}. */
    public static final List<String> BUNDLED = List.of("shop-demo", "shop-oracle", "shop-random", "searchqa-demo", "searchqa-oracle", "searchqa-random",
            "gui-oracle", "gui-random");

    private static final ObjectMapper STRICT = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Optional flags and counts may be left out of a scenario file: absent means false / default.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScenarioLoader() {
    }

    public static Scenario load(String nameOrPath) {
        if (!nameOrPath.contains("/") && !nameOrPath.endsWith(".json")) {
            try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + nameOrPath + ".json")) {
                if (in == null) {
                    throw new IllegalArgumentException("no bundled scenario '" + nameOrPath + "' (bundled: " + BUNDLED
                            + "); give a path to a .json file for your own");
                }
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), nameOrPath);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled scenario " + nameOrPath, e);
            }
        }
        Path path = Path.of(nameOrPath);
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read scenario file " + path + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(String json, String origin) {
        try {
            return STRICT.readValue(json, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("scenario " + origin + ": unknown key \"" + e.getPropertyName()
                    + "\" (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (IOException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                    ? e.getCause() : e;
            String message = root instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : root.getMessage();
            throw new IllegalArgumentException("scenario " + origin + ": " + message, e);
        }
    }
}
