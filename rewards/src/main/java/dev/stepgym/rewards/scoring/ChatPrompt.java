package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.igpo.IgpoGold;
import dev.stepgym.rewards.igpo.IgpoPrompt;

import java.util.List;
import java.util.Objects;

/**
 * The text a language-model belief scorer reads: IGPO's {@code ctx_t} (the conversation in ChatML with
 * the generation prompt and an opened {@code <think>}) followed by the pseudo answer
 * {@code prefix + gold + suffix}. The gold answer's place is kept both as parts (for scorers that
 * tokenise each part on its own, so the span is exact) and as a character span of {@link #text()}.
 *
 * <pre>{@code
 * ChatPrompt prompt = ChatPrompt.of(query);
 * String text = prompt.text();                       // ctx + prefix + gold + suffix
 * String gold = text.substring(prompt.goldStart(), prompt.goldEnd());
 * }</pre>
 *
 * <p>Roles are written as given: IGPO's Qwen chat template renders tool results as {@code tool} turns.
 *
 * @param context the rendered conversation ending in {@code <|im_start|>assistant\n<think>}
 * @param prefix  IGPO's "now there's enough information" preamble, ending in {@code <answer>\n}
 * @param gold    the gold answer (first alternative only)
 * @param suffix  {@code \n</answer><|im_end|>}
 */
public record ChatPrompt(String context, String prefix, String gold, String suffix) {

    public ChatPrompt {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(suffix, "suffix");
        if (gold.isBlank()) {
            throw new IllegalArgumentException("gold answer is blank: there is nothing to score a belief in");
        }
    }

    /**
     * Builds IGPO's scored text for {@code query}: its conversation, then the pseudo answer of the
     * first gold alternative, exactly as written (IGPO does not strip it).
     */
    public static ChatPrompt of(BeliefQuery query) {
        IgpoPrompt.Parts pseudo = IgpoPrompt.pseudoAnswer(IgpoGold.first(query.goldAnswer()));
        return new ChatPrompt(renderContext(query.conversation()), pseudo.prefix(), pseudo.answer(), pseudo.suffix());
    }

    /**
     * ChatML for {@code conversation}: {@code <|im_start|>role\ncontent<|im_end|>\n} per turn, then the
     * generation prompt {@code <|im_start|>assistant\n} and {@code <think>}, as IGPO builds {@code ctx_t}.
     */
    public static String renderContext(List<BeliefQuery.ChatTurn> conversation) {
        StringBuilder sb = new StringBuilder();
        for (BeliefQuery.ChatTurn turn : conversation) {
            sb.append("<|im_start|>").append(turn.role()).append('\n')
                    .append(turn.content()).append("<|im_end|>\n");
        }
        return sb.append("<|im_start|>assistant\n").append(IgpoPrompt.CONTEXT_SUFFIX).toString();
    }

    /** The whole scored text: {@code context + prefix + gold + suffix}. */
    public String text() {
        return context + prefix + gold + suffix;
    }

    /** Index in {@link #text()} (UTF-16 units, Java's) of the gold answer's first character. */
    public int goldStart() {
        return context.length() + prefix.length();
    }

    /** Index in {@link #text()} just past the gold answer's last character. */
    public int goldEnd() {
        return goldStart() + gold.length();
    }
}
