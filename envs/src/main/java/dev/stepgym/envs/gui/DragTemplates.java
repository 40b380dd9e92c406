package dev.stepgym.envs.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.stepgym.envs.gui.GuiHtml.escape;
import static dev.stepgym.envs.gui.GuiHtml.js;
import static dev.stepgym.envs.gui.GuiHtml.jsArray;
import static dev.stepgym.envs.gui.GuiHtml.pick;
import static dev.stepgym.envs.gui.GuiHtml.random;

/**
 * Templates solved with {@code drag(from, to)}: a card to a board's column, an item to the top of a list.
 * Pages take HTML5 drag and drop (dragstart, drop) and plain mouse down / mouse up alike, so a drop counts
 * once whichever events the browser sends. A drop in the wrong place fails the task.
 */
final class DragTemplates {
    /** The pages' drag plumbing: {@code onDrop(source, target)} runs once per gesture. */
    private static final String DRAG_JS = """
            let dragging = null;
            function wireDrag(sources, targets, onDrop) {
              sources.forEach(s => {
                s.addEventListener("dragstart", e => { dragging = s; e.dataTransfer.setData("text/plain", s.dataset.id); });
                s.addEventListener("mousedown", () => { dragging = s; });
              });
              const drop = t => { if (dragging !== null && dragging !== t) { const s = dragging; dragging = null; onDrop(s, t); } };
              targets.forEach(t => {
                t.addEventListener("dragover", e => e.preventDefault());
                t.addEventListener("drop", e => { e.preventDefault(); e.stopPropagation(); drop(t); });
                t.addEventListener("mouseup", e => { e.stopPropagation(); drop(t); });
              });
              document.addEventListener("mouseup", () => { dragging = null; });
              document.addEventListener("dragend", () => { dragging = null; });
            }
            """;

    private DragTemplates() {
    }

    /** A board of three columns; drag the named card to the named column. */
    static final class DragToColumn implements GuiTemplate {
        private static final List<String> COLUMNS = List.of("To do", "Doing", "Done");

        public String id() {
            return "drag-card";
        }

        private record Variant(List<String> cards, List<Integer> columnOf, String card, String column) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> cards = pick(r, GuiHtml.WORDS, 5 + r.nextInt(2));
            List<Integer> columnOf = new ArrayList<>();
            cards.forEach(c -> columnOf.add(r.nextInt(2)));
            int i = r.nextInt(cards.size());
            int to = (columnOf.get(i) + 1 + r.nextInt(2)) % 3;
            return new Variant(cards, columnOf, cards.get(i), COLUMNS.get(to));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Drag the card " + v.card + " to the " + v.column + " column.",
                    List.of(ReferenceStep.drag("listitem", "Card " + v.card, "region", v.column)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Board</h1><div style=\"display:flex;gap:12px\">");
            for (int c = 0; c < 3; c++) {
                body.append("<section class=\"column\" role=\"region\" aria-label=\"").append(escape(COLUMNS.get(c)))
                        .append("\" data-id=\"").append(escape(COLUMNS.get(c)))
                        .append("\" style=\"min-width:150px;min-height:260px;border:1px solid #888;padding:6px\"><h2>")
                        .append(escape(COLUMNS.get(c))).append("</h2><ul>");
                for (int i = 0; i < v.cards.size(); i++) {
                    if (v.columnOf.get(i) == c) {
                        body.append(card(v.cards.get(i)));
                    }
                }
                body.append("</ul></section>");
            }
            body.append("</div><p id=\"out\"></p>");
            return GuiHtml.page("Board", body.toString(), DRAG_JS + """
                    const start = {};
                    document.querySelectorAll(".card").forEach(c => start[c.dataset.id] = c.closest(".column").dataset.id);
                    wireDrag(Array.from(document.querySelectorAll(".card")), Array.from(document.querySelectorAll(".column")), (card, column) => {
                      column.querySelector("ul").appendChild(card);
                      document.getElementById("out").textContent = "Moved " + card.dataset.id + " to " + column.dataset.id + ".";
                    });
                    function where() {
                      const w = {};
                      document.querySelectorAll(".card").forEach(c => w[c.dataset.id] = c.closest(".column").dataset.id);
                      return w;
                    }
                    function check() {
                      const w = where();
                      const others = Object.keys(w).every(k => k === @CARD@ || w[k] === start[k]);
                      const moved = w[@CARD@] !== start[@CARD@];
                      return {subgoals: [w[@CARD@] === @COLUMN@ && others],
                              failed: !others || (moved && w[@CARD@] !== @COLUMN@), state: {columns: w}};
                    }""".replace("@CARD@", js(v.card)).replace("@COLUMN@", js(v.column)));
        }

        private static String card(String name) {
            return "<li class=\"card\" draggable=\"true\" data-id=\"" + escape(name) + "\" aria-label=\"Card " + escape(name)
                    + "\" style=\"border:1px solid #aaa;margin:4px;padding:6px;cursor:grab;list-style:none\">" + escape(name) + "</li>";
        }
    }

    /** A list to reorder; drag the named item onto the first one, which puts it at the top. */
    static final class Reorder implements GuiTemplate {
        public String id() {
            return "drag-reorder";
        }

        private record Variant(List<String> items, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> items = pick(r, GuiHtml.WORDS, 4 + r.nextInt(3));
            return new Variant(items, items.get(1 + r.nextInt(items.size() - 1)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Move " + v.target + " to the top of the priority list (drop an item on another to put it "
                    + "just before that one), keeping the others in their order.",
                    List.of(ReferenceStep.drag("listitem", v.target, "listitem", v.items.get(0))));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Priorities</h1><ol id=\"list\">");
            v.items.forEach(i -> body.append("<li class=\"item\" draggable=\"true\" data-id=\"").append(escape(i)).append("\" aria-label=\"")
                    .append(escape(i)).append("\" style=\"border:1px solid #aaa;margin:4px;padding:6px;cursor:grab\">").append(escape(i))
                    .append("</li>"));
            body.append("</ol><p id=\"out\"></p>");
            List<String> wanted = new ArrayList<>(v.items);
            wanted.remove(v.target);
            wanted.add(0, v.target);
            return GuiHtml.page("Priorities", body.toString(), DRAG_JS + """
                    const list = document.getElementById("list"), items = Array.from(document.querySelectorAll(".item"));
                    const wanted = @WANTED@.join("|"), initial = @ITEMS@.join("|");
                    wireDrag(items, items, (item, before) => {
                      list.insertBefore(item, before);
                      document.getElementById("out").textContent = "Moved " + item.dataset.id + " before " + before.dataset.id + ".";
                    });
                    function order() { return Array.from(list.children).map(i => i.dataset.id).join("|"); }
                    function check() {
                      const o = order();
                      return {subgoals: [o === wanted], failed: o !== wanted && o !== initial, state: {order: o}};
                    }""".replace("@WANTED@", jsArray(wanted)).replace("@ITEMS@", jsArray(v.items)));
        }
    }
}
