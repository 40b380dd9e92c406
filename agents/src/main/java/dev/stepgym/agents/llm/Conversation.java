package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One episode's messages: the system message and the first user message are always kept; after
 * them come exchanges (an assistant reply and the messages that answer it), of which only the last
 * {@code maxTurns} are kept. Dropping whole exchanges keeps every tool call next to its tool
 * answer, as chat-completions servers require.
 */
final class Conversation {
    private final List<ObjectNode> head = new ArrayList<>();
    private final Deque<List<ObjectNode>> turns = new ArrayDeque<>();
    private final int maxTurns;
    private int dropped;
    private int generatedIds;

    Conversation(String system, String first, int maxTurns) {
        this.maxTurns = maxTurns;
        head.add(message("system", system));
        head.add(message("user", first));
    }

    /** Starts an exchange with {@code reply} (copied: role, content, tool calls with ids). */
    void assistant(JsonNode reply) {
        ObjectNode copy = Json.mapper().createObjectNode().put("role", "assistant");
        JsonNode content = reply.path("content");
        if (content.isTextual()) {
            copy.put("content", content.asText());
        } else {
            copy.putNull("content");
        }
        JsonNode calls = reply.path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            ArrayNode copied = copy.putArray("tool_calls");
            for (JsonNode call : calls) {
                ObjectNode c = call.isObject() ? ((ObjectNode) call).deepCopy() : Json.mapper().createObjectNode();
                if (!c.path("id").isTextual() || c.path("id").asText().isEmpty()) {
                    c.put("id", "call_stepgym_" + (++generatedIds)); // a server that sent no id still gets its answers matched
                }
                c.put("type", "function");
                copied.add(c);
            }
        }
        List<ObjectNode> turn = new ArrayList<>();
        turn.add(copy);
        turns.addLast(turn);
        while (turns.size() > maxTurns) {
            turns.removeFirst();
            dropped++;
        }
    }

    /**
     * Answers the last reply: each of its tool calls gets a tool message ({@code first} for the one
     * that was acted on, {@code others} for the rest), a text reply gets {@code first} as a user message.
     */
    void answer(String first, String others) {
        List<ObjectNode> turn = turns.getLast();
        JsonNode calls = turn.get(0).path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            for (int i = 0; i < calls.size(); i++) {
                turn.add(message("tool", i == 0 ? first : others).put("tool_call_id", calls.get(i).path("id").asText()));
            }
        } else {
            turn.add(message("user", first));
        }
    }

    /** The messages to send, oldest first. */
    List<ObjectNode> messages() {
        List<ObjectNode> all = new ArrayList<>(head);
        turns.forEach(all::addAll);
        return all;
    }

    /** Exchanges dropped so far to stay within the bound. */
    int dropped() {
        return dropped;
    }

    private static ObjectNode message(String role, String content) {
        return Json.mapper().createObjectNode().put("role", role).put("content", content);
    }
}
