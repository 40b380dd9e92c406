package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatPromptTest {

    @Test
    void rendersChatMlWithGenerationPromptAndOpenThink() {
        String context = ChatPrompt.renderContext(List.of(
                new ChatTurn("user", "Who wrote Hamlet?"),
                new ChatTurn("assistant", "<search>Hamlet author</search>"),
                new ChatTurn("tool", "Hamlet is a play by Shakespeare.")));

        assertEquals("<|im_start|>user\nWho wrote Hamlet?<|im_end|>\n"
                + "<|im_start|>assistant\n<search>Hamlet author</search><|im_end|>\n"
                + "<|im_start|>tool\nHamlet is a play by Shakespeare.<|im_end|>\n"
                + "<|im_start|>assistant\n<think>", context);
    }

    @Test
    void scoredTextIsContextThenIgpoPseudoAnswerAndTheSpanCoversTheGold() {
        BeliefQuery query = new BeliefQuery("q", List.of(new ChatTurn("user", "q")), "William Shakespeare",
                List.of(), List.of(), null);

        ChatPrompt prompt = ChatPrompt.of(query);

        String expected = "<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n<think>"
                + "\nNow there's enough information to answer\n</think>\n<answer>\n"
                + "William Shakespeare"
                + "\n</answer><|im_end|>";
        assertEquals(expected, prompt.text());
        assertEquals(expected.indexOf("William"), prompt.goldStart());
        assertEquals(expected.indexOf("\n</answer>"), prompt.goldEnd());
        assertEquals("William Shakespeare", prompt.text().substring(prompt.goldStart(), prompt.goldEnd()));
    }

    @Test
    void onlyTheFirstGoldAlternativeIsScoredAsWritten() {
        BeliefQuery query = new BeliefQuery("q", List.of(), "Paris <|answer_split|>City of Light", List.of(), List.of(), null);

        ChatPrompt prompt = ChatPrompt.of(query);

        assertEquals("Paris ", prompt.gold());
        assertEquals("<|im_start|>assistant\n<think>", prompt.context());
    }

    @Test
    void blankGoldIsRefused() {
        BeliefQuery query = new BeliefQuery("q", List.of(), " \n", List.of(), List.of(), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatPrompt.of(query));
        assertEquals("gold answer is blank: there is nothing to score a belief in", e.getMessage());
    }
}
