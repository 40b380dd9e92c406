package dev.stepgym.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSON codec every module uses. Wire JSON is snake_case; parse failures become
 * {@link ErrorCode#BAD_REQUEST} with a message that names the problem.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /** One whole document: anything but white space after the value is an error, not ignored. */
    private static final ObjectReader WHOLE_TREE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper CANONICAL = MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    static {
        // Deep nesting is an attack, not a request: cap it well below stack exhaustion.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StepGymException(ErrorCode.INTERNAL, "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The length in bytes of {@code value}'s JSON, counted as it is written (nothing is kept). */
    public static long size(Object value) {
        CountingStream counter = new CountingStream();
        try {
            MAPPER.writeValue(counter, value);
        } catch (java.io.IOException e) {
            throw new StepGymException(ErrorCode.INTERNAL, "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return counter.count;
    }

    /** Parses {@code json} into {@code type}; malformed input or wrong types answer BAD_REQUEST. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "invalid JSON for " + wireName(type) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses one JSON document. Anything after the value but white space is refused
     * ({@code {"env":"x"} garbage} is malformed, not {@code {"env":"x"}}).
     */
    public static JsonNode tree(String json) {
        try {
            JsonNode node = WHOLE_TREE.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new StepGymException(ErrorCode.BAD_REQUEST, "empty body: a JSON object was expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new StepGymException(ErrorCode.BAD_REQUEST, "invalid " + wireName(type) + ": " + detail, e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** JSON with sorted keys: equal values give equal strings, whatever the map order. */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value instanceof JsonNode ? CANONICAL.treeToValue((JsonNode) value, Object.class) : value);
        } catch (JsonProcessingException e) {
            throw new StepGymException(ErrorCode.INTERNAL, "cannot serialise for hashing: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code sha256:<hex>} of the canonical JSON of {@code value}. */
    public static String sha256(Object value) {
        return sha256Hex(canonical(value));
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static String wireName(Class<?> type) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(type.getSimpleName());
    }

    /** Counts bytes and drops them. */
    private static final class CountingStream extends java.io.OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
