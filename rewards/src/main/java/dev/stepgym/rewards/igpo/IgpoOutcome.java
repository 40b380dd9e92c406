package dev.stepgym.rewards.igpo;

import dev.stepgym.rewards.text.AnswerText;
import dev.stepgym.rewards.text.PythonText;
import dev.stepgym.rewards.text.TokenF1;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IGPO's outcome reward for the answer turn.
 *
 * <p>The response is lower-cased first, so tags match in any case. If the tags {@code code},
 * {@code tool_call}, {@code think}, {@code answer} are unbalanced (open and close counts differ, or
 * an open tag has no close tag after it) or there is no {@code <answer>…</answer>}, the format fails:
 * {@code -2} ({@link Variant#NO_FORMAT_F1}: 0). Otherwise the <em>first</em> answer block (StepSearch
 * takes the last) is scored against every gold alternative with set F1 ({@link TokenF1#set}), or
 * with exact match after {@link AnswerText#igpoNormalize} ({@link Variant#EM}), and the best is kept.
 * The reward is {@code ALPHA * score}.
 *
 * <pre>{@code
 * IgpoOutcome.evaluate("<think>x</think><answer>Paris Paris</answer>", List.of("Paris"), Variant.F1).score()   // 1.0
 * IgpoOutcome.evaluate("<think>x<answer>Paris</answer>", List.of("Paris"), Variant.F1).score()            // -2.0
 * }</pre>
 */
public final class IgpoOutcome {
    /** IGPO's outcome weight {@code alpha}. */
    public static final double ALPHA = 1.0;
    /** The outcome of a response that fails the format check (variants F1 and EM). */
    public static final double FORMAT_FAILURE_SCORE = -2.0;

    private static final List<String> BALANCED_TAGS = List.of("code", "tool_call", "think", "answer");
    private static final Pattern ANSWER = Pattern.compile("<answer>(.*?)</answer>", Pattern.DOTALL);

    private IgpoOutcome() {
    }

    /** IGPO's {@code val_type}. */
    public enum Variant {
        /** Set F1; format failure -2 (the training default). */
        F1,
        /** Set F1; format failure 0. */
        NO_FORMAT_F1,
        /** 1 on an exact match after normalisation, else 0; format failure -2. */
        EM
    }

    /**
     * @param formatValid tags balanced and an answer block present
     * @param answer      the first answer block as scored: lower-cased and {@link AnswerText#igpoNormalize}d;
     *                    empty when the format fails
     * @param score       the outcome before {@link #ALPHA}
     */
    public record Result(boolean formatValid, Optional<String> answer, double score) {
        /** {@code ALPHA * score}, the value written at the last token of the response. */
        public double reward() {
            return ALPHA * score;
        }
    }

    /** Scores {@code response} against gold alternatives (see {@link IgpoGold#alternatives}). */
    public static Result evaluate(String response, List<String> goldAlternatives, Variant variant) {
        if (response == null || goldAlternatives == null || variant == null) {
            throw new IllegalArgumentException("response, gold alternatives and variant must not be null");
        }
        double formatFailure = variant == Variant.NO_FORMAT_F1 ? 0.0 : FORMAT_FAILURE_SCORE;
        String lowered = PythonText.lower(response);
        if (!tagsBalanced(lowered)) {
            return new Result(false, Optional.empty(), formatFailure);
        }
        Matcher matcher = ANSWER.matcher(lowered);
        if (!matcher.find()) {
            return new Result(false, Optional.empty(), formatFailure);
        }
        String answer = AnswerText.igpoNormalize(matcher.group(1));
        double score;
        if (variant == Variant.EM) {
            score = goldAlternatives.stream().anyMatch(g -> AnswerText.igpoNormalize(g).equals(answer)) ? 1.0 : 0.0;
        } else {
            score = TokenF1.maxSet(answer, goldAlternatives);
        }
        return new Result(true, Optional.of(answer), score);
    }

    /**
     * {@code check_tags_balance}: for each checked tag, as many opens as closes, and each open tag
     * (scanning left to right, resuming after the close that answered the previous one) has a close
     * after it. Case-sensitive; {@link #evaluate} lower-cases before calling it.
     */
    public static boolean tagsBalanced(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        for (String tag : BALANCED_TAGS) {
            String open = "<" + tag + ">";
            String close = "</" + tag + ">";
            if (count(text, open) != count(text, close)) {
                return false;
            }
            int lastPosition = -1;
            while (true) {
                int openAt = text.indexOf(open, lastPosition + 1);
                if (openAt < 0) {
                    break;
                }
                int closeAt = text.indexOf(close, openAt);
                if (closeAt < 0) {
                    return false;
                }
                lastPosition = closeAt;
            }
        }
        return true;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }
}
