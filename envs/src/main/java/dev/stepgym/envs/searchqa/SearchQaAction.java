package dev.stepgym.envs.searchqa;

import dev.stepgym.protocol.Action;

import dev.stepgym.rewards.stepsearch.StepSearchOutcome;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed searchqa action. Three spellings are understood:
 * <ul>
 *   <li>WebShop style: {@code search[query]}, {@code open[d00042]}, {@code answer[text]};</li>
 *   <li>Search-R1 / StepSearch tags, as a policy writes them: {@code <search>query</search>},
 *       {@code <answer>text</answer>} (thinking around them is allowed; the <em>last</em> answer
 *       block counts and non-blank text after it fails StepSearch's format gate);</li>
 *   <li>tool calls: {@code search {query}}, {@code open {doc_id}}, {@code answer {text}}.</li>
 * </ul>
 * A trainer may send its own belief in the gold answer with any action (IGPO's {@code p_t}, for
 * the {@code trainer} scorer): a tool argument {@code belief} or a {@code <belief>0.42</belief>} tag.
 *
 * @param verb        {@code search}, {@code open} or {@code answer}
 * @param argument    the query, the document id or the answer text, stripped
 * @param formatValid false when an answer failed the format gate (text after the last {@code </answer>})
 * @param belief      the trainer's belief sent with the action, or null
 * @param response    for an answer written in tags, the text around them (the belief tag removed), as
 *                    IGPO's outcome reads a response; null otherwise
 */
record SearchQaAction(String verb, String argument, boolean formatValid, Double belief, String response) {
    static final String SEARCH = "search";
    static final String OPEN = "open";
    static final String ANSWER = "answer";
    /** Longer arguments are refused: no question needs more, and the state stays small. */
    static final int MAX_ARGUMENT = 1_000;

    private static final Pattern BRACKET = Pattern.compile("(?s)^\\s*([A-Za-z_]+)\\s*\\[(.*)]\\s*$");
    private static final Pattern SEARCH_TAG = Pattern.compile("(?s)<search>(.*?)</search>");
        private static final Pattern BELIEF_TAG = Pattern.compile("(?s)<belief>\\s*([^<]*?)\\s*</belief>");

    /** The outcome of parsing: an action, or why there is none. */
    record Parsed(SearchQaAction action, String error) {
        static Parsed ok(SearchQaAction action) {
            return new Parsed(action, null);
        }

        static Parsed error(String error) {
            return new Parsed(null, error);
        }
    }

    static Parsed parse(Action action) {
        if (action == null) {
            return Parsed.error("no action given: expected search[<query>], open[<doc id>] or answer[<text>]");
        }
        return action.isText() ? parseText(action.text()) : parseTool(action);
    }

    private static Parsed parseText(String raw) {
        Double belief;
        try {
            belief = beliefTag(raw);
        } catch (IllegalArgumentException e) {
            return Parsed.error(e.getMessage());
        }
        String text = BELIEF_TAG.matcher(raw).replaceAll("");
        // StepSearch's gate: nothing but whitespace (Python's) may follow the last </answer>.
        Optional<StepSearchOutcome.AnswerBlock> answer = StepSearchOutcome.lastAnswerBlock(text);
        if (answer.isPresent()) {
            return build(ANSWER, answer.get().answer(), answer.get().gatePassed(), belief, "answer block", text);
        }
        Matcher search = SEARCH_TAG.matcher(text);
        if (search.find()) {
            return build(SEARCH, search.group(1), true, belief, "search block");
        }
        Matcher m = BRACKET.matcher(text);
        if (!m.matches()) {
            return Parsed.error("cannot parse action '" + abbreviate(text.strip())
                    + "': expected search[<query>], open[<doc id>] or answer[<text>] (or <search>…</search>, <answer>…</answer>)");
        }
        String verb = m.group(1).toLowerCase(Locale.ROOT);
        return build(verb, m.group(2), true, belief, "action '" + abbreviate(text.strip()) + "'");
    }

    private static Double beliefTag(String text) {
        Matcher m = BELIEF_TAG.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            return belief(Double.parseDouble(m.group(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<belief> must hold a number in [0, 1], got '" + abbreviate(m.group(1)) + "'");
        }
    }

    private static Double belief(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("belief must be a number in [0, 1], got " + value);
        }
        return value;
    }

    private static Parsed parseTool(Action action) {
        String verb = action.tool().strip().toLowerCase(Locale.ROOT);
        String key = switch (verb) {
            case SEARCH -> "query";
            case OPEN -> "doc_id";
            case ANSWER -> "text";
            default -> null;
        };
        if (key == null) {
            return Parsed.error("unknown tool '" + abbreviate(action.tool())
                    + "': searchqa has the tools search {query}, open {doc_id} and answer {text}");
        }
        Object value = action.arguments().get(key);
        if (!(value instanceof String s)) {
            return Parsed.error("tool " + verb + " needs a string argument '" + key + "'"
                    + (value == null ? "" : ", got " + value.getClass().getSimpleName()));
        }
        Object beliefArg = action.arguments().get("belief");
        Double belief = null;
        if (beliefArg != null) {
            if (!(beliefArg instanceof Number n)) {
                return Parsed.error("tool argument 'belief' must be a number in [0, 1], got " + beliefArg.getClass().getSimpleName());
            }
            try {
                belief = belief(n.doubleValue());
            } catch (IllegalArgumentException e) {
                return Parsed.error(e.getMessage());
            }
        }
        return build(verb, s, true, belief, "tool " + verb);
    }

    private static Parsed build(String verb, String argument, boolean formatValid, Double belief, String what) {
        return build(verb, argument, formatValid, belief, what, null);
    }

    private static Parsed build(String verb, String argument, boolean formatValid, Double belief, String what, String response) {
        if (!verb.equals(SEARCH) && !verb.equals(OPEN) && !verb.equals(ANSWER)) {
            return Parsed.error("unknown action '" + abbreviate(verb) + "': expected search[<query>], open[<doc id>] or answer[<text>]");
        }
        String arg = argument.strip();
        if (arg.isEmpty() && !verb.equals(ANSWER)) {
            return Parsed.error(what + " has an empty " + (verb.equals(SEARCH) ? "query" : "document id"));
        }
        if (arg.length() > MAX_ARGUMENT) {
            return Parsed.error(what + ": argument longer than " + MAX_ARGUMENT + " characters");
        }
        return Parsed.ok(new SearchQaAction(verb, arg, formatValid, belief, response));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
