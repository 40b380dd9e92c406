package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.rewards.stepsearch.SearchKeyMatch;
import dev.stepgym.rewards.text.PythonRounding;
import dev.stepgym.rewards.text.TokenF1;

import java.util.ArrayList;
import java.util.List;

/**
 * StepSearch's outcome for one answer: bag F1 against the gold answer and its aliases (rounded to
 * four places, as its code does), exact match, and the search-key score of the episode's queries.
 * A failed format gate scores nothing (StepSearch gives −1 overall; here that is the
 * {@code format_gate} component).
 */
record AnswerScore(double f1, boolean exactMatch, double searchKeys) {

    static AnswerScore of(String answer, boolean formatValid, Question question, List<String> queries) {
        if (!formatValid) {
            return new AnswerScore(0, false, 0);
        }
        List<String> golds = new ArrayList<>();
        golds.add(question.answer());
        golds.addAll(question.aliases());
        return new AnswerScore(PythonRounding.round4(TokenF1.maxBag(answer, golds)), TokenF1.anyExactMatch(answer, golds),
                SearchKeyMatch.score(queries, question.searchKeys()));
    }
}
