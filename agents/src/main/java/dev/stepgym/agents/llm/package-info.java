/**
 * The {@code openai} agent: a model behind any OpenAI-compatible chat-completions endpoint plays
 * episodes through the protocol. {@link dev.stepgym.agents.llm.PromptBuilder} turns the
 * environment's description, observations and tool schemas into messages,
 * {@link dev.stepgym.agents.llm.ReplyParser} turns a reply (a tool call or a text action) into an
 * {@link dev.stepgym.protocol.Action}, {@link dev.stepgym.agents.llm.ChatCompletionsClient} speaks
 * the wire format with bounded retries, and {@link dev.stepgym.agents.llm.Conversation} keeps each
 * episode's messages within a bounded number of turns. Settings: {@link dev.stepgym.agents.llm.LlmSettings}.
 */
package dev.stepgym.agents.llm;
