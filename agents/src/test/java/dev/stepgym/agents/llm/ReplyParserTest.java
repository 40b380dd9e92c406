package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reply convention of docs/agents.md, one rule at a time. */
class ReplyParserTest {

    private static JsonNode message(String json) {
        return Json.tree(json);
    }

    private static ReplyParser.Parsed text(String content) {
        return ReplyParser.parse(Json.mapper().createObjectNode().put("role", "assistant").put("content", content));
    }

    @Test
    void theFirstNonBlankLineIsTheAction() {
        assertEquals(Action.text("search[red shoes]"), text("\n  search[red shoes]  \nbecause the goal asks for red shoes").action());
        assertEquals(Action.text("click[buy now]"), text("`click[buy now]`").action());
    }

    @Test
    void aFencedActionBlockWinsAndMaySpanLines() {
        String reply = "I will patch the file.\n```action\napply_patch{\"patch\": \"--- a/x\\n+++ b/x\"}\nsecond line\n```\nthen submit";
        assertEquals(Action.text("apply_patch{\"patch\": \"--- a/x\\n+++ b/x\"}\nsecond line"), text(reply).action());
        assertEquals(Action.text("submit[]"), text("```\nsubmit[]\n```").action(), "a reply that is one fenced block");
        assertEquals(Action.text("click[b01]"), text("Thought: the first result fits.\nAction: click[b01]").action());
    }

    @Test
    void aToolCallBecomesAToolActionWithItsJsonArguments() {
        ReplyParser.Parsed parsed = ReplyParser.parse(message("""
                {"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_1","type":"function","function":{"name":"search","arguments":"{\\"query\\": \\"red shoes\\", \\"page\\": 2}"}},
                  {"id":"call_2","type":"function","function":{"name":"click","arguments":"{}"}}]}"""));
        assertEquals(Action.tool("search", Map.of("query", "red shoes", "page", 2)), parsed.action());
        assertEquals(Action.tool("submit", Map.of()), ReplyParser.parse(message("""
                {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"submit","arguments":""}}]}""")).action());
        assertEquals(Action.tool("add", Map.of("amount", 3)), ReplyParser.parse(message("""
                {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"add","arguments":{"amount":3}}}]}""")).action(),
                "arguments sent as an object rather than a string are taken too");
    }

    @Test
    void malformedRepliesSayWhatIsWrong() {
        ReplyParser.Parsed badJson = ReplyParser.parse(message("""
                {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"search","arguments":"{\\"query\\": "}}]}"""));
        assertFalse(badJson.ok());
        assertTrue(badJson.error().contains("not valid JSON"), badJson.error());
        assertEquals("search{\"query\": ", badJson.raw());
        ReplyParser.Parsed notObject = ReplyParser.parse(message("""
                {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"search","arguments":"[1]"}}]}"""));
        assertTrue(notObject.error().contains("must be a JSON object"), notObject.error());
        ReplyParser.Parsed noName = ReplyParser.parse(message("""
                {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"arguments":"{}"}}]}"""));
        assertTrue(noName.error().contains("no function name"), noName.error());
        ReplyParser.Parsed empty = text("   \n ");
        assertNull(empty.action());
        assertTrue(empty.error().contains("empty"), empty.error());
        assertTrue(ReplyParser.parse(message("{\"role\":\"assistant\",\"content\":null}")).error().contains("empty"));
        assertTrue(text("```action\n```").error().contains("empty"));
    }
}
