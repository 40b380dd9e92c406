package dev.stepgym.envs.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What every task page shares: the layout, escaping, and seeded choices of words. */
final class GuiHtml {
    static final List<String> WORDS = List.of("Apple", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Garnet", "Harbor",
            "Indigo", "Juniper", "Kestrel", "Lagoon", "Maple", "Nimbus", "Orchid", "Pebble", "Quartz", "Raven", "Saffron",
            "Tundra", "Umber", "Velvet", "Willow", "Yarrow", "Zephyr");
    static final List<String> NAMES = List.of("alice", "bruno", "chen", "dara", "emeka", "farah", "goran", "hana",
            "ivan", "jonas", "kemal", "lena", "mateo", "nora", "oskar", "priya");

    /**
     * Every page links to a help site outside the task origin, as real pages do: the browser pool blocks
     * it, and the environment refuses the step and goes back to the task.
     */
    static final String HELP_LINK = "https://help.example.com/";

    private GuiHtml() {
    }

    /** The random source of one template at one seed (different templates at a seed differ). */
    static SplittableRandom random(String template, long seed) {
        return new SplittableRandom(seed * 1_000_003L + template.hashCode());
    }

    /** {@code n} distinct items of {@code from}, in a seeded order. */
    static List<String> pick(SplittableRandom random, List<String> from, int n) {
        List<String> pool = new ArrayList<>(from);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A JavaScript string literal (the words are plain, but nothing is trusted). */
    static String js(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String jsArray(List<String> items) {
        return "[" + String.join(",", items.stream().map(GuiHtml::js).toList()) + "]";
    }

    /**
     * A whole page: {@code body} in a main landmark, then {@code script}, which must define
     * {@code check()} (it becomes {@code window.stepgym.check}). Values the agent types are shown with
     * textContent, never as HTML, so typed text cannot run.
     */
    static String page(String title, String body, String script) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font:16px sans-serif;margin:16px}main{max-width:640px}"
                + "button,input,select{font:inherit;margin:4px}[hidden]{display:none}"
                + ".error{color:#b00}</style></head><body><main>" + body + "</main>"
                + "<footer><a href=\"" + HELP_LINK + "\">Help</a></footer><script>\n\"use strict\";\n"
                + script + "\nwindow.stepgym = {ready: true, check: check};\n</script></body></html>";
    }
}
