package dev.stepgym.rewards.igpo;

/**
 * The teacher-forced text IGPO scores to measure the belief {@code p_t}: after the chat so far
 * (rendered with the generation prompt) plus {@link #CONTEXT_SUFFIX}, the model is made to "say"
 * {@code PREFIX + gold + SUFFIX}, and {@code p_t} is the geometric mean probability of the gold
 * tokens only.
 *
 * <p>The reference finds the gold span by token counts of the prefix and suffix tokenised on their
 * own; if the tokenizer merges across a join, that span is off by one token. A scorer should instead
 * tokenise the three {@link Parts} separately and concatenate the ids, so the gold span is exact
 * (docs/reward-methods.md §2.1, marked [INFERRED]).
 *
 * <pre>{@code
 * IgpoPrompt.Parts parts = IgpoPrompt.pseudoAnswer(IgpoGold.first("NYC<|answer_split|>New York"));
 * List<Integer> ids = concat(tok(parts.prefix()), tok(parts.answer()), tok(parts.suffix()));
 * // score log-probs of the ids in [len(tok(prefix)), len(tok(prefix)) + len(tok(answer)))
 * }</pre>
 */
public final class IgpoPrompt {
    /** Appended to the chat-template rendering of the conversation before the pseudo answer. */
    public static final String CONTEXT_SUFFIX = "<think>";
    /** Text forced before the gold answer. */
    public static final String PREFIX = "\nNow there's enough information to answer\n</think>\n<answer>\n";
    /** Text forced after the gold answer (Qwen chat format end-of-turn). */
    public static final String SUFFIX = "\n</answer><|im_end|>";

    private IgpoPrompt() {
    }

    /** The three pieces of the pseudo answer; only {@link #answer()}'s tokens are scored. */
    public record Parts(String prefix, String answer, String suffix) {
        /** The pseudo answer as one string, as the reference builds it. */
        public String text() {
            return prefix + answer + suffix;
        }
    }

    /**
     * The pseudo answer for an already chosen gold answer (use {@link IgpoGold#first} for a
     * multi-answer gold and {@link IgpoGold#factCheckVerdict} for fact-check labels).
     */
    public static Parts pseudoAnswer(String goldAnswer) {
        if (goldAnswer == null) {
            throw new IllegalArgumentException("gold answer must not be null");
        }
        return new Parts(PREFIX, goldAnswer, SUFFIX);
    }
}
