package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.text.PythonRounding;
import dev.stepgym.rewards.text.PythonText;
import dev.stepgym.rewards.text.TokenF1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StepSearch's outcome reward for a finished response.
 *
 * <p>The answer is the <em>last</em> {@code <answer>…</answer>} block (IGPO takes the first). The
 * format gate fails when there is no answer block or when anything but whitespace follows the last
 * {@code </answer>}; the score is then {@code -1} and the episode's step scores must be dropped
 * ({@link Result#keepsStepScores()}). Otherwise
 * {@code score = round4(max over golds of F1_bag) + 0.618 * searchKeyScore}.
 *
 * <pre>{@code
 * StepSearchOutcome.Result r = StepSearchOutcome.evaluate(
 *         "<answer>first</answer> <answer>Paris</answer>", List.of("Paris"), List.of(), List.of());
 * r.f1();      // 1.0 (the last block counts)
 * r.score();   // 1.0
 * }</pre>
 */
public final class StepSearchOutcome {
    /** Weight of the search-key score in the outcome ({@code search_keys_score}). */
    public static final double SEARCH_KEY_WEIGHT = 0.618;
    /** The outcome of a response that fails the format gate. */
    public static final double GATE_FAILURE_SCORE = -1.0;

    private static final Pattern ANSWER = Pattern.compile("<answer>(.*?)</answer>", Pattern.DOTALL);
    private static final Pattern SEARCH = Pattern.compile("<search>(.*?)</search>", Pattern.DOTALL);

    private StepSearchOutcome() {
    }

    /**
     * @param gatePassed     an answer block exists and nothing but whitespace follows the last one
     * @param answer         the last answer block's content, stripped; empty when there is none
     * @param f1             best bag F1 over the gold answers, rounded to 4 decimals (0 without an answer);
     *                       reported even when the gate fails, as the reference does
     * @param searchKeyScore {@link SearchKeyMatch} score; 0 when the gate fails
     * @param score          the outcome reward
     */
    public record Result(boolean gatePassed, Optional<String> answer, double f1, double searchKeyScore, double score) {
        /** Whether the episode's step scores count; a failed gate drops them all. */
        public boolean keepsStepScores() {
            return gatePassed;
        }
    }

    /** Scores {@code response}, taking the queries from its {@code <search>} blocks (the reference's own source). */
    public static Result evaluate(String response, List<String> goldAnswers, List<List<String>> keyGroups) {
        return evaluate(response, goldAnswers, searchQueries(response), keyGroups);
    }

    /**
     * Scores {@code response} with queries given separately (an environment that receives searches as
     * actions). Pass an empty {@code keyGroups} when the search-key reward is off.
     */
    public static Result evaluate(String response, List<String> goldAnswers, List<String> queries,
                                  List<List<String>> keyGroups) {
        if (response == null) {
            throw new IllegalArgumentException("response and gold answers must not be null");
        }
        Optional<AnswerBlock> block = lastAnswerBlock(response);
        return score(block.map(AnswerBlock::answer).map(PythonText::strip), block.map(AnswerBlock::gatePassed).orElse(false),
                goldAnswers, queries, keyGroups);
    }

    /**
     * The outcome of an answer already taken out of the response (an environment that parses
     * actions itself): {@code gatePassed} is the format gate's verdict, {@code answer} the answer
     * text, empty when there is none.
     */
    public static Result score(Optional<String> answer, boolean gatePassed, List<String> goldAnswers, List<String> queries,
                               List<List<String>> keyGroups) {
        if (answer == null || goldAnswers == null) {
            throw new IllegalArgumentException("response and gold answers must not be null");
        }
        double f1 = answer.map(a -> PythonRounding.round4(TokenF1.maxBag(a, goldAnswers))).orElse(0.0);
        if (!gatePassed || answer.isEmpty()) {
            return new Result(false, answer, f1, 0.0, GATE_FAILURE_SCORE);
        }
        double searchKeyScore = SearchKeyMatch.score(queries, keyGroups);
        return new Result(true, answer, f1, searchKeyScore, f1 + searchKeyScore * SEARCH_KEY_WEIGHT);
    }

    /**
     * The last {@code <answer>…</answer>} block of a response, unstripped, and whether it passes the
     * gate: nothing but whitespace (as Python's {@code str.strip} sees it) after its {@code </answer>}.
     *
     * @param answer     the block's content as written
     * @param gatePassed nothing but whitespace follows the block
     */
    public record AnswerBlock(String answer, boolean gatePassed) {
    }

    /** The last answer block of {@code response}; empty when it has none (the gate then fails). */
    public static Optional<AnswerBlock> lastAnswerBlock(String response) {
        if (response == null) {
            throw new IllegalArgumentException("response must not be null");
        }
        Matcher matcher = ANSWER.matcher(response);
        String lastAnswer = null;
        int lastEnd = -1;
        while (matcher.find()) {
            lastAnswer = matcher.group(1);
            lastEnd = matcher.end();
        }
        if (lastAnswer == null) {
            return Optional.empty();
        }
        return Optional.of(new AnswerBlock(lastAnswer, PythonText.strip(response.substring(lastEnd)).isEmpty()));
    }

    /**
     * The text of every {@code <search>…</search>} block, in order, stripped. A stray {@code <search>}
     * inside a block is removed, as the reference's {@code re.sub(r'</?search>', '', match)} does.
     */
    public static List<String> searchQueries(String response) {
        if (response == null) {
            throw new IllegalArgumentException("response must not be null");
        }
        List<String> queries = new ArrayList<>();
        Matcher matcher = SEARCH.matcher(response);
        while (matcher.find()) {
            queries.add(PythonText.strip(matcher.group(1).replace("<search>", "")));
        }
        return queries;
    }
}
