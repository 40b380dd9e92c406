package dev.stepgym.rewards.igpo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IgpoPromptTest {

    @Test
    void pseudoAnswerHasTheReferencePrefixAndSuffixAroundTheGold() {
        IgpoPrompt.Parts parts = IgpoPrompt.pseudoAnswer(IgpoGold.first("NYC<|answer_split|>New York"));
        assertEquals("\nNow there's enough information to answer\n</think>\n<answer>\n", parts.prefix());
        assertEquals("NYC", parts.answer());
        assertEquals("\n</answer><|im_end|>", parts.suffix());
        assertEquals("\nNow there's enough information to answer\n</think>\n<answer>\nNYC\n</answer><|im_end|>", parts.text());
        assertEquals("<think>", IgpoPrompt.CONTEXT_SUFFIX);
    }

    @Test
    void factCheckGoldBecomesItsVerdict() {
        IgpoPrompt.Parts parts = IgpoPrompt.pseudoAnswer(IgpoGold.factCheckVerdict("[{\"label\":\"false\"}]"));
        assertEquals("false", parts.answer());
    }

    @Test
    void nullGoldIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> IgpoPrompt.pseudoAnswer(null));
    }
}
