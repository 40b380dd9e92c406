package dev.stepgym.envs.gui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.stepgym.envs.gui.GuiHtml.escape;
import static dev.stepgym.envs.gui.GuiHtml.js;
import static dev.stepgym.envs.gui.GuiHtml.jsArray;
import static dev.stepgym.envs.gui.GuiHtml.pick;
import static dev.stepgym.envs.gui.GuiHtml.random;

/**
 * Templates of richer widgets: a confirm dialog, an accordion, a combobox with suggestions, a multi-select
 * list, a textarea with a word limit, a keyboard slider, a table read by a condition, a sortable table, a
 * value copied between fields, dependent settings, pagination and a three-page checkout. Each fails (or cannot succeed) on a wrong choice.
 */
final class MoreWidgetTemplates {
    private MoreWidgetTemplates() {
    }

    /** Files with Delete buttons; deleting opens a modal dialog to confirm. Deleting another file fails. */
    static final class ModalConfirm implements GuiTemplate {
        public String id() {
            return "modal-confirm";
        }

        private record Variant(List<String> files, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> files = pick(r, GuiHtml.WORDS, 4 + r.nextInt(2)).stream().map(w -> w.toLowerCase() + ".txt").toList();
            return new Variant(files, files.get(r.nextInt(files.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Delete the file " + v.target + " (confirm in the dialog).",
                    List.of(ReferenceStep.click("button", "Delete " + v.target), ReferenceStep.click("button", "Yes, delete")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Files</h1><ul id=\"files\">");
            v.files.forEach(f -> body.append("<li data-file=\"").append(escape(f)).append("\">").append(escape(f))
                    .append(" <button type=\"button\" class=\"del\" aria-label=\"Delete ").append(escape(f)).append("\">Delete</button></li>"));
            body.append("</ul><div id=\"dialog\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"dtitle\" hidden "
                    + "style=\"border:2px solid #333;padding:12px\"><p id=\"dtitle\"></p><button type=\"button\" id=\"yes\">Yes, delete</button>"
                    + "<button type=\"button\" id=\"no\">Cancel</button></div><p id=\"out\"></p>");
            return GuiHtml.page("Files", body.toString(), """
                    const dialog = document.getElementById("dialog");
                    let pending = null, deleted = null, asked = false;
                    document.querySelectorAll("button.del").forEach(b => b.addEventListener("click", () => {
                      if (deleted !== null) return;
                      pending = b.parentElement.dataset.file; asked = asked || pending === @TARGET@;
                      document.getElementById("dtitle").textContent = "Delete " + pending + "?"; dialog.hidden = false;
                    }));
                    document.getElementById("yes").addEventListener("click", () => {
                      deleted = pending; pending = null; dialog.hidden = true;
                      document.querySelector("li[data-file='" + CSS.escape(deleted) + "']").remove();
                      document.getElementById("out").textContent = "Deleted " + deleted + ".";
                    });
                    document.getElementById("no").addEventListener("click", () => { pending = null; dialog.hidden = true; });
                    function check() {
                      return {subgoals: [asked || deleted === @TARGET@, deleted === @TARGET@],
                              failed: deleted !== null && deleted !== @TARGET@, state: {dialog: pending, deleted: deleted}};
                    }""".replace("@TARGET@", js(v.target)));
        }
    }

    /** Collapsed sections, each holding a code; open the named one and enter its code. A wrong code fails. */
    static final class Accordion implements GuiTemplate {
        public String id() {
            return "accordion";
        }

        private record Variant(List<String> sections, List<String> codes, int target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> sections = pick(r, GuiHtml.WORDS, 4);
            List<String> codes = new ArrayList<>();
            sections.forEach(s -> codes.add(Integer.toString(1000 + r.nextInt(9000))));
            return new Variant(sections, codes, r.nextInt(4));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            String section = v.sections.get(v.target);
            return new GuiTask(id(), seed, "Open the " + section + " section, enter the code it shows in the Code field and press Submit.",
                    List.of(ReferenceStep.click("button", section), ReferenceStep.type("Code", v.codes.get(v.target)),
                            ReferenceStep.click("button", "Submit")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Sections</h1>");
            for (int i = 0; i < v.sections.size(); i++) {
                body.append("<h2><button type=\"button\" class=\"head\" aria-expanded=\"false\" aria-controls=\"s").append(i).append("\">")
                        .append(escape(v.sections.get(i))).append("</button></h2><div id=\"s").append(i).append("\" hidden><p>The code of ")
                        .append(escape(v.sections.get(i))).append(" is ").append(v.codes.get(i)).append(".</p></div>");
            }
            body.append("<label for=\"code\">Code</label> <input id=\"code\" type=\"text\" autocomplete=\"off\"> "
                    + "<button type=\"button\" id=\"submit\">Submit</button><p id=\"out\"></p>");
            return GuiHtml.page("Accordion", body.toString(), """
                    const code = document.getElementById("code");
                    let opened = [], submitted = null;
                    document.querySelectorAll("button.head").forEach(b => b.addEventListener("click", () => {
                      const open = b.getAttribute("aria-expanded") !== "true";
                      b.setAttribute("aria-expanded", String(open)); document.getElementById(b.getAttribute("aria-controls")).hidden = !open;
                      if (open && !opened.includes(b.textContent)) opened.push(b.textContent);
                    }));
                    document.getElementById("submit").addEventListener("click", () => {
                      if (submitted === null) { submitted = code.value; document.getElementById("out").textContent = "Submitted " + submitted + "."; }
                    });
                    function check() {
                      return {subgoals: [opened.includes(@SECTION@) || submitted === @CODE@, submitted === @CODE@],
                              failed: submitted !== null && submitted !== @CODE@, state: {opened: opened, code: code.value, submitted: submitted}};
                    }""".replace("@SECTION@", js(v.sections.get(v.target))).replace("@CODE@", js(v.codes.get(v.target))));
        }
    }

    /** A combobox whose suggestions follow the typed text; pick the named city from them and Submit. */
    static final class Autocomplete implements GuiTemplate {
        private static final List<String> CITIES = List.of("Salvador", "Salzburg", "San Jose", "Santander", "Santiago",
                "Porto", "Portland", "Port Louis", "Bergen", "Berlin", "Bern", "Belgrade", "Malmo", "Malaga", "Manila", "Madrid");

        public String id() {
            return "autocomplete";
        }

        public GuiTask task(long seed) {
            String city = city(seed);
            return new GuiTask(id(), seed, "In the City field, type \"" + city.substring(0, 3) + "\", choose " + city
                    + " from the suggestions and press Submit.",
                    List.of(ReferenceStep.type("combobox", "City", city.substring(0, 3)), ReferenceStep.click("option", city),
                            ReferenceStep.click("button", "Submit")));
        }

        private String city(long seed) {
            return CITIES.get(random(id(), seed).nextInt(CITIES.size()));
        }

        public String page(long seed, Map<String, String> query) {
            return GuiHtml.page("Autocomplete", "<h1>Destination</h1><label for=\"city\">City</label> <input id=\"city\" type=\"text\" "
                    + "role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"suggestions\" autocomplete=\"off\">"
                    + "<ul id=\"suggestions\" role=\"listbox\" aria-label=\"Suggestions\" hidden></ul>"
                    + "<button type=\"button\" id=\"submit\">Submit</button><p id=\"out\"></p>", """
                    const city = document.getElementById("city"), list = document.getElementById("suggestions");
                    let picked = null, submitted = null;
                    city.addEventListener("input", () => {
                      picked = null; list.textContent = "";
                      const q = city.value.trim().toLowerCase();
                      const hits = q.length < 2 ? [] : @CITIES@.filter(c => c.toLowerCase().startsWith(q));
                      hits.forEach(h => {
                        const li = document.createElement("li"); li.setAttribute("role", "option"); li.textContent = h;
                        li.addEventListener("click", () => { city.value = h; picked = h; list.hidden = true; city.setAttribute("aria-expanded", "false"); });
                        list.appendChild(li);
                      });
                      list.hidden = hits.length === 0; city.setAttribute("aria-expanded", String(hits.length > 0));
                    });
                    document.getElementById("submit").addEventListener("click", () => {
                      if (submitted === null) { submitted = picked === null ? city.value : picked; document.getElementById("out").textContent = "Going to " + submitted + "."; }
                    });
                    function check() {
                      return {subgoals: [picked === @CITY@ || submitted === @CITY@, submitted === @CITY@ ],
                              failed: submitted !== null && submitted !== @CITY@, state: {text: city.value, picked: picked, submitted: submitted}};
                    }""".replace("@CITIES@", jsArray(CITIES)).replace("@CITY@", js(city(seed))));
        }
    }

    /** A multi-select list box (options toggle on click); select exactly the named ones and Save. */
    static final class MultiSelect implements GuiTemplate {
        public String id() {
            return "multi-select";
        }

        private record Variant(List<String> options, List<String> targets) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> options = pick(r, GuiHtml.WORDS, 6);
            List<String> targets = new ArrayList<>(pick(r, options, 2 + r.nextInt(2)));
            targets.sort(Comparator.comparingInt(options::indexOf));
            return new Variant(options, targets);
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            List<ReferenceStep> reference = new ArrayList<>();
            v.targets.forEach(t -> reference.add(ReferenceStep.click("option", t)));
            reference.add(ReferenceStep.click("button", "Save"));
            return new GuiTask(id(), seed, "In the Toppings list select " + String.join(", ", v.targets) + " and nothing else, then press Save.",
                    reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Toppings</h1><div id=\"list\" role=\"listbox\" aria-label=\"Toppings\" "
                    + "aria-multiselectable=\"true\">");
            v.options.forEach(o -> body.append("<div role=\"option\" tabindex=\"-1\" aria-selected=\"false\" style=\"padding:4px;cursor:pointer\">")
                    .append(escape(o)).append("</div>"));
            body.append("</div><button type=\"button\" id=\"save\">Save</button><p id=\"out\"></p>");
            return GuiHtml.page("Multi-select", body.toString(), """
                    const options = Array.from(document.querySelectorAll("[role=option]"));
                    const wanted = @TARGETS@.join("|");
                    let saved = null;
                    options.forEach(o => o.addEventListener("click", () => {
                      const on = o.getAttribute("aria-selected") !== "true";
                      o.setAttribute("aria-selected", String(on)); o.style.background = on ? "#cde" : "";
                    }));
                    function selected() { return options.filter(o => o.getAttribute("aria-selected") === "true").map(o => o.textContent).join("|"); }
                    document.getElementById("save").addEventListener("click", () => {
                      if (saved === null) { saved = selected(); document.getElementById("out").textContent = "Saved."; }
                    });
                    function check() {
                      return {subgoals: [selected() === wanted || saved === wanted, saved === wanted],
                              failed: saved !== null && saved !== wanted, state: {selected: selected(), saved: saved}};
                    }""".replace("@TARGETS@", jsArray(v.targets)));
        }
    }

    /** A textarea with a word limit that must mention a word; too long or missing the word is refused. */
    static final class WordLimit implements GuiTemplate {
        public String id() {
            return "word-limit";
        }

        private record Variant(String word, int limit) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            return new Variant(GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())), 5 + r.nextInt(4));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Write a note of at most " + v.limit + " words that mentions " + v.word + ", then press Send.",
                    List.of(ReferenceStep.type("Note", "Please bring the " + v.word + " file"), ReferenceStep.click("button", "Send")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Note", "<h1>Note</h1><p>At most " + v.limit + " words.</p><label for=\"note\">Note</label><br>"
                    + "<textarea id=\"note\" rows=\"4\" cols=\"40\"></textarea><p id=\"count\" aria-live=\"polite\">0 words</p>"
                    + "<button type=\"button\" id=\"send\">Send</button><p id=\"msg\" role=\"status\"></p>", """
                    const note = document.getElementById("note");
                    let sent = null, error = null;
                    function words() { const t = note.value.trim(); return t === "" ? [] : t.split(/\\s+/); }
                    function ok(ws) { return ws.length > 0 && ws.length <= @LIMIT@ && ws.some(w => w.replace(/[^A-Za-z]/g, "").toLowerCase() === @WORD@.toLowerCase()); }
                    note.addEventListener("input", () => { document.getElementById("count").textContent = words().length + " words"; });
                    document.getElementById("send").addEventListener("click", () => {
                      const ws = words(), msg = document.getElementById("msg");
                      if (ws.length > @LIMIT@) error = "Too long: " + ws.length + " words, at most @LIMIT@.";
                      else if (!ok(ws)) error = "The note must mention " + @WORD@ + ".";
                      else { error = null; if (sent === null) sent = note.value; }
                      msg.className = error ? "error" : ""; msg.textContent = error ? error : "Sent.";
                    });
                    function check() {
                      return {subgoals: [ok(words()) || sent !== null, sent !== null], failed: false,
                              state: {words: words().length, sent: sent, error: error}};
                    }""".replace("@LIMIT@", Integer.toString(v.limit)).replace("@WORD@", js(v.word)));
        }
    }

    /** A slider moved with arrow keys only (clicks just focus it); set the value and Save. */
    static final class Slider implements GuiTemplate {
        public String id() {
            return "slider";
        }

        private record Variant(String label, int start, int target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String label = List.of("Volume", "Brightness", "Contrast", "Speed").get(r.nextInt(4));
            int start = 3 + r.nextInt(15);
            int delta = (2 + r.nextInt(5)) * (r.nextBoolean() ? 1 : -1);
            int target = start + delta < 0 || start + delta > 20 ? start - delta : start + delta;
            return new Variant(label, start, target);
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            List<ReferenceStep> reference = new ArrayList<>(List.of(ReferenceStep.click("slider", v.label)));
            for (int i = 0; i < Math.abs(v.target - v.start); i++) {
                reference.add(ReferenceStep.press(v.target > v.start ? "ArrowRight" : "ArrowLeft"));
            }
            reference.add(ReferenceStep.click("button", "Save"));
            return new GuiTask(id(), seed, "Set " + v.label + " to " + v.target + " (focus the slider, use the arrow keys) and press Save.",
                    reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Slider", "<h1>Adjust</h1><span id=\"lbl\">" + escape(v.label) + "</span> <div id=\"slider\" role=\"slider\" "
                    + "tabindex=\"0\" aria-labelledby=\"lbl\" aria-valuemin=\"0\" aria-valuemax=\"20\" aria-valuenow=\"" + v.start
                    + "\" style=\"display:inline-block;width:220px;border:1px solid #333;padding:4px\">" + v.start + "</div> "
                    + "<button type=\"button\" id=\"save\">Save</button><p id=\"out\"></p>", """
                    const slider = document.getElementById("slider");
                    let value = @START@, saved = null;
                    slider.addEventListener("keydown", e => {
                      const step = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 5, PageDown: -5}[e.key];
                      if (e.key === "Home") value = 0; else if (e.key === "End") value = 20; else if (step) value = Math.max(0, Math.min(20, value + step)); else return;
                      e.preventDefault(); slider.setAttribute("aria-valuenow", String(value)); slider.textContent = String(value);
                    });
                    document.getElementById("save").addEventListener("click", () => {
                      if (saved === null) { saved = value; document.getElementById("out").textContent = "Saved " + saved + "."; }
                    });
                    function check() {
                      return {subgoals: [value === @TARGET@ || saved === @TARGET@, saved === @TARGET@],
                              failed: saved !== null && saved !== @TARGET@, state: {value: value, saved: saved}};
                    }""".replace("@START@", Integer.toString(v.start)).replace("@TARGET@", Integer.toString(v.target)));
        }
    }

    /** A product table; select the row meeting a condition (cheapest in stock, most in stock, ...). */
    static final class TableSelect implements GuiTemplate {
        private static final List<String> CONDITIONS = List.of("the cheapest product that is in stock",
                "the product with the most units in stock", "the most expensive product");

        public String id() {
            return "table-select";
        }

        private record Row(String name, int price, int stock) {
        }

        private record Variant(List<Row> rows, int condition, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> names = pick(r, GuiHtml.WORDS, 6);
            List<Integer> prices = pick(r, java.util.stream.IntStream.rangeClosed(5, 99).boxed().map(String::valueOf).toList(), 6)
                    .stream().map(Integer::valueOf).toList();
            List<Integer> stocks = pick(r, java.util.stream.IntStream.rangeClosed(1, 60).boxed().map(String::valueOf).toList(), 6)
                    .stream().map(Integer::valueOf).toList();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // Two products are sold out, so "cheapest in stock" differs from "cheapest" more often than not.
                rows.add(new Row(names.get(i), prices.get(i), i % 3 == 0 ? 0 : stocks.get(i)));
            }
            int condition = r.nextInt(CONDITIONS.size());
            Row target = switch (condition) {
                case 0 -> rows.stream().filter(x -> x.stock > 0).min(Comparator.comparingInt(Row::price)).orElseThrow();
                case 1 -> rows.stream().max(Comparator.comparingInt(Row::stock)).orElseThrow();
                default -> rows.stream().max(Comparator.comparingInt(Row::price)).orElseThrow();
            };
            return new Variant(rows, condition, target.name);
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "In the table, select " + CONDITIONS.get(v.condition) + ".",
                    List.of(ReferenceStep.click("button", "Select " + v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Products</h1><table><thead><tr><th>Product</th><th>Price</th><th>In stock</th>"
                    + "<th></th></tr></thead><tbody>");
            v.rows.forEach(row -> body.append("<tr><td>").append(escape(row.name)).append("</td><td>$").append(row.price)
                    .append("</td><td>").append(row.stock).append("</td><td><button type=\"button\" data-name=\"").append(escape(row.name))
                    .append("\" aria-label=\"Select ").append(escape(row.name)).append("\">Select</button></td></tr>"));
            body.append("</tbody></table><p id=\"out\"></p>");
            return GuiHtml.page("Products", body.toString(), """
                    let selected = null;
                    document.querySelectorAll("button[data-name]").forEach(b => b.addEventListener("click", () => {
                      if (selected === null) { selected = b.dataset.name; document.getElementById("out").textContent = "Selected " + selected + "."; }
                    }));
                    function check() {
                      return {subgoals: [selected === @TARGET@], failed: selected !== null && selected !== @TARGET@, state: {selected: selected}};
                    }""".replace("@TARGET@", js(v.target)));
        }
    }

    /** A value shown on the page (not in the instruction) to copy into a field; a wrong value fails. */
    static final class CopyValue implements GuiTemplate {
        private static final List<String> KINDS = List.of("tracking number", "invoice number", "booking code");

        public String id() {
            return "copy-value";
        }

        private record Variant(String kind, String value, String decoy) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String prefix = GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())).substring(0, 2).toUpperCase();
            return new Variant(KINDS.get(r.nextInt(KINDS.size())), prefix + (100000 + r.nextInt(900000)),
                    prefix + (100000 + r.nextInt(900000)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Copy the " + v.kind + " shown on the page into the Reference field and press Save.",
                    List.of(ReferenceStep.type("Reference", v.value), ReferenceStep.click("button", "Save")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            String kind = v.kind.substring(0, 1).toUpperCase() + v.kind.substring(1);
            return GuiHtml.page("Copy", "<h1>Order</h1><dl><dt>Customer number</dt><dd>" + escape(v.decoy) + "</dd><dt>" + escape(kind)
                    + "</dt><dd>" + escape(v.value) + "</dd></dl><label for=\"ref\">Reference</label> <input id=\"ref\" type=\"text\" "
                    + "autocomplete=\"off\"> <button type=\"button\" id=\"save\">Save</button><p id=\"out\"></p>", """
                    const ref = document.getElementById("ref");
                    let saved = null;
                    document.getElementById("save").addEventListener("click", () => {
                      if (saved === null) { saved = ref.value.trim(); document.getElementById("out").textContent = "Saved " + saved + "."; }
                    });
                    function check() {
                      return {subgoals: [ref.value.trim() === @VALUE@ || saved === @VALUE@, saved === @VALUE@],
                              failed: saved !== null && saved !== @VALUE@, state: {value: ref.value, saved: saved}};
                    }""".replace("@VALUE@", js(v.value)));
        }
    }

    /** A delivery choice that shows its own fields: a store list for pickup, an address for shipping. */
    static final class DependentFields implements GuiTemplate {
        private static final List<String> STORES = List.of("Downtown", "Harbourside", "Old Town", "Riverside", "Uptown");

        public String id() {
            return "dependent-fields";
        }

        private record Variant(boolean pickup, String store, String address) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            return new Variant(r.nextBoolean(), STORES.get(r.nextInt(STORES.size())),
                    (1 + r.nextInt(200)) + " " + GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())) + " Street");
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            if (v.pickup) {
                return new GuiTask(id(), seed, "Choose pickup at the " + v.store + " store and press Save.",
                        List.of(ReferenceStep.select("Delivery", "Pickup"), ReferenceStep.select("Store", v.store),
                                ReferenceStep.click("button", "Save")));
            }
            return new GuiTask(id(), seed, "Choose shipping to the address " + v.address + " and press Save.",
                    List.of(ReferenceStep.select("Delivery", "Shipping"), ReferenceStep.type("Address", v.address),
                            ReferenceStep.click("button", "Save")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Delivery</h1><label for=\"how\">Delivery</label> <select id=\"how\">"
                    + "<option value=\"\">Choose one</option><option>Shipping</option><option>Pickup</option></select>"
                    + "<div id=\"ship\" hidden><label for=\"addr\">Address</label> <input id=\"addr\" type=\"text\" autocomplete=\"off\"></div>"
                    + "<div id=\"pick\" hidden><label for=\"store\">Store</label> <select id=\"store\"><option value=\"\">Choose one</option>");
            STORES.forEach(s -> body.append("<option>").append(escape(s)).append("</option>"));
            body.append("</select></div><button type=\"button\" id=\"save\">Save</button><p id=\"msg\" role=\"status\"></p>");
            return GuiHtml.page("Delivery", body.toString(), """
                    const how = document.getElementById("how"), addr = document.getElementById("addr"), store = document.getElementById("store");
                    let saved = null;
                    how.addEventListener("change", () => {
                      document.getElementById("ship").hidden = how.value !== "Shipping"; document.getElementById("pick").hidden = how.value !== "Pickup";
                    });
                    function current() {
                      if (how.value === "Pickup") return store.value ? "Pickup|" + store.value : null;
                      if (how.value === "Shipping") return addr.value.trim() ? "Shipping|" + addr.value.trim() : null;
                      return null;
                    }
                    document.getElementById("save").addEventListener("click", () => {
                      const c = current(), msg = document.getElementById("msg");
                      if (c === null) { msg.className = "error"; msg.textContent = "Fill in the delivery details."; return; }
                      if (saved === null) { saved = c; msg.className = ""; msg.textContent = "Saved."; }
                    });
                    function check() {
                      return {subgoals: [how.value === @HOW@ || saved === @WANTED@, current() === @WANTED@ || saved === @WANTED@, saved === @WANTED@],
                              failed: saved !== null && saved !== @WANTED@, state: {delivery: how.value, details: current(), saved: saved}};
                    }""".replace("@HOW@", js(v.pickup ? "Pickup" : "Shipping"))
                    .replace("@WANTED@", js(v.pickup ? "Pickup|" + v.store : "Shipping|" + v.address)));
        }
    }

    /** Thirty items, five to a page, with Next and Previous; open the named item on a later page. */
    static final class Pagination implements GuiTemplate {
        private static final int PER_PAGE = 5;

        public String id() {
            return "pagination";
        }

        private record Variant(List<String> items, int target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> words = pick(r, GuiHtml.WORDS, 6);
            List<String> items = new ArrayList<>();
            for (String a : words) {
                for (String b : List.of("North", "South", "East", "West", "Central")) {
                    items.add(a + " " + b);
                }
            }
            return new Variant(items, PER_PAGE + r.nextInt(items.size() - PER_PAGE));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            String item = v.items.get(v.target);
            List<ReferenceStep> reference = new ArrayList<>();
            for (int p = 0; p < v.target / PER_PAGE; p++) {
                reference.add(ReferenceStep.click("button", "Next page"));
            }
            reference.add(ReferenceStep.click("button", "Open " + item));
            return new GuiTask(id(), seed, "Find " + item + " in the paged list and open it.", reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Directory", "<h1>Directory</h1><ul id=\"items\"></ul><p id=\"where\"></p>"
                    + "<button type=\"button\" id=\"prev\">Previous page</button> <button type=\"button\" id=\"next\">Next page</button>"
                    + "<p id=\"out\"></p>", """
                    const items = @ITEMS@, list = document.getElementById("items");
                    let page = 0, opened = null;
                    function show() {
                      list.textContent = "";
                      items.slice(page * @PER@, page * @PER@ + @PER@).forEach(i => {
                        const li = document.createElement("li"), b = document.createElement("button");
                        b.type = "button"; b.textContent = "Open"; b.setAttribute("aria-label", "Open " + i);
                        b.addEventListener("click", () => { if (opened === null) { opened = i; document.getElementById("out").textContent = "Opened " + i + "."; } });
                        li.append(i + " ", b); list.appendChild(li);
                      });
                      document.getElementById("where").textContent = "Page " + (page + 1) + " of " + Math.ceil(items.length / @PER@);
                    }
                    document.getElementById("prev").addEventListener("click", () => { if (page > 0) { page--; show(); } });
                    document.getElementById("next").addEventListener("click", () => { if ((page + 1) * @PER@ < items.length) { page++; show(); } });
                    show();
                    function check() {
                      return {subgoals: [page === @PAGE@ || opened === @TARGET@, opened === @TARGET@],
                              failed: opened !== null && opened !== @TARGET@, state: {page: page, opened: opened}};
                    }""".replace("@ITEMS@", jsArray(v.items)).replace("@PER@", Integer.toString(PER_PAGE))
                    .replace("@PAGE@", Integer.toString(v.target / PER_PAGE)).replace("@TARGET@", js(v.items.get(v.target))));
        }
    }

    /**
     * Three pages joined by GET forms: the cart (a quantity), the address (a name), the payment (a radio) and
     * Place order. Each page's check() reads what earlier pages sent in the URL.
     */
    static final class Checkout implements GuiTemplate {
        private static final List<String> PAYMENTS = List.of("Card", "Invoice", "Bank transfer");

        public String id() {
            return "checkout";
        }

        private record Variant(String product, String quantity, String name, String payment) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String name = GuiHtml.NAMES.get(r.nextInt(GuiHtml.NAMES.size()));
            return new Variant(GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())) + " lamp", Integer.toString(2 + r.nextInt(4)),
                    name.substring(0, 1).toUpperCase() + name.substring(1), PAYMENTS.get(r.nextInt(PAYMENTS.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Buy " + v.quantity + " of the " + v.product + " for " + v.name + ", paying by "
                    + v.payment + ": set the quantity, Continue, enter the name, Continue, choose the payment, Place order.",
                    List.of(ReferenceStep.select("Quantity", v.quantity), ReferenceStep.click("button", "Continue"),
                            ReferenceStep.type("Full name", v.name), ReferenceStep.click("button", "Continue"),
                            ReferenceStep.check("radio", v.payment), ReferenceStep.click("button", "Place order")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            String qty = query.getOrDefault("qty", "");
            String name = query.getOrDefault("name", "");
            String hidden = "<input type=\"hidden\" name=\"seed\" value=\"" + seed + "\">";
            String checks = """
                    const QTY_OK = @QTY@ === @WQTY@, NAME_OK = @NAME@ === @WNAME@;
                    """.replace("@QTY@", js(qty)).replace("@WQTY@", js(v.quantity)).replace("@NAME@", js(name)).replace("@WNAME@", js(v.name));
            if ("3".equals(query.get("step"))) {
                StringBuilder body = new StringBuilder("<h1>Step 3 of 3: payment</h1><p>" + escape(qty) + " x " + escape(v.product)
                        + " for " + escape(name) + "</p><fieldset><legend>Payment</legend>");
                PAYMENTS.forEach(p -> body.append("<div><label><input type=\"radio\" name=\"pay\" value=\"").append(escape(p))
                        .append("\"> ").append(escape(p)).append("</label></div>"));
                body.append("</fieldset><button type=\"button\" id=\"place\">Place order</button><p id=\"out\"></p>");
                return GuiHtml.page("Checkout: payment", body.toString(), checks + """
                        let placed = null;
                        function chosen() { const c = document.querySelector("input[name=pay]:checked"); return c ? c.value : null; }
                        document.getElementById("place").addEventListener("click", () => {
                          if (placed === null && chosen() !== null) { placed = chosen(); document.getElementById("out").textContent = "Order placed."; }
                        });
                        function check() {
                          const right = QTY_OK && NAME_OK && placed === @PAY@;
                          return {subgoals: [QTY_OK, NAME_OK, QTY_OK && NAME_OK && (chosen() === @PAY@ || placed === @PAY@), right],
                                  failed: placed !== null && !right, state: {step: 3, qty: @QTY@, name: @NAME@, payment: chosen(), placed: placed}};
                        }""".replace("@PAY@", js(v.payment)).replace("@QTY@", js(qty)).replace("@NAME@", js(name)));
            }
            if ("2".equals(query.get("step"))) {
                return GuiHtml.page("Checkout: address", "<h1>Step 2 of 3: address</h1><form method=\"get\" action=\"checkout\">" + hidden
                        + "<input type=\"hidden\" name=\"step\" value=\"3\"><input type=\"hidden\" name=\"qty\" value=\"" + escape(qty)
                        + "\"><label for=\"name\">Full name</label> <input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"off\"> "
                        + "<button type=\"submit\">Continue</button></form>", checks + """
                        const field = document.getElementById("name");
                        function check() {
                          return {subgoals: [QTY_OK, QTY_OK && field.value === @WNAME@, false, false], failed: false,
                                  state: {step: 2, qty: @QTY@, name: field.value}};
                        }""".replace("@WNAME@", js(v.name)).replace("@QTY@", js(qty)));
            }
            StringBuilder body = new StringBuilder("<h1>Step 1 of 3: cart</h1><form method=\"get\" action=\"checkout\">" + hidden
                    + "<input type=\"hidden\" name=\"step\" value=\"2\"><p>" + escape(v.product) + "</p><label for=\"qty\">Quantity</label> "
                    + "<select id=\"qty\" name=\"qty\">");
            for (int q = 1; q <= 6; q++) {
                body.append("<option>").append(q).append("</option>");
            }
            body.append("</select> <button type=\"submit\">Continue</button></form>");
            return GuiHtml.page("Checkout: cart", body.toString(), """
                    const qty = document.getElementById("qty");
                    function check() {
                      return {subgoals: [qty.value === @WQTY@, false, false, false], failed: false, state: {step: 1, qty: qty.value}};
                    }""".replace("@WQTY@", js(v.quantity)));
        }
    }

    /**
     * A table sorted by clicking its column headers (ascending, then descending, {@code aria-sort}); sort as
     * asked, then open the row that is first. Opening a row before the table is sorted so fails.
     */
    static final class SortableTable implements GuiTemplate {
        private static final List<String> COLUMNS = List.of("Price", "Rating", "Stock");

        public String id() {
            return "sortable-table";
        }

        private record Variant(List<String> names, List<List<Integer>> values, int column, boolean descending, String top) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> names = pick(r, GuiHtml.WORDS, 6);
            List<List<Integer>> values = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                values.add(pick(r, java.util.stream.IntStream.rangeClosed(1, 99).boxed().map(String::valueOf).toList(), 6)
                        .stream().map(Integer::valueOf).toList());
            }
            int column = r.nextInt(COLUMNS.size());
            boolean descending = r.nextBoolean();
            List<Integer> col = values.get(column);
            int best = 0;
            for (int i = 1; i < names.size(); i++) {
                if (descending ? col.get(i) > col.get(best) : col.get(i) < col.get(best)) {
                    best = i;
                }
            }
            return new Variant(names, values, column, descending, names.get(best));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            String column = COLUMNS.get(v.column);
            List<ReferenceStep> reference = new ArrayList<>(List.of(ReferenceStep.click("button", "Sort by " + column)));
            if (v.descending) {
                reference.add(ReferenceStep.click("button", "Sort by " + column));
            }
            reference.add(ReferenceStep.click("button", "Open " + v.top));
            return new GuiTask(id(), seed, "Sort the table by " + column + ", " + (v.descending ? "highest" : "lowest")
                    + " first, then open the first row.", reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Items</h1><table><thead><tr><th>Item</th>");
            for (String c : COLUMNS) {
                body.append("<th aria-sort=\"none\"><button type=\"button\" class=\"sort\" aria-label=\"Sort by ").append(c).append("\">")
                        .append(c).append("</button></th>");
            }
            body.append("<th></th></tr></thead><tbody id=\"rows\"></tbody></table><p id=\"out\"></p>");
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < v.names.size(); i++) {
                rows.append(i == 0 ? "" : ",").append("{name:").append(js(v.names.get(i)));
                for (int c = 0; c < COLUMNS.size(); c++) {
                    rows.append(",c").append(c).append(':').append(v.values.get(c).get(i));
                }
                rows.append('}');
            }
            rows.append(']');
            return GuiHtml.page("Sortable table", body.toString(), """
                    const rows = @ROWS@, tbody = document.getElementById("rows"), heads = Array.from(document.querySelectorAll("th[aria-sort]"));
                    let sortColumn = null, descending = false, opened = null, openedAsFirst = false;
                    function show() {
                      tbody.textContent = "";
                      rows.forEach(row => {
                        const tr = document.createElement("tr");
                        [row.name, row.c0, row.c1, row.c2].forEach(x => { const td = document.createElement("td"); td.textContent = String(x); tr.appendChild(td); });
                        const td = document.createElement("td"), b = document.createElement("button");
                        b.type = "button"; b.textContent = "Open"; b.setAttribute("aria-label", "Open " + row.name);
                        b.addEventListener("click", () => {
                          if (opened === null) { opened = row.name; openedAsFirst = rows[0].name === row.name && sortColumn === @COLUMN@ && descending === @DESC@;
                            document.getElementById("out").textContent = "Opened " + row.name + "."; }
                        });
                        td.appendChild(b); tr.appendChild(td); tbody.appendChild(tr);
                      });
                    }
                    document.querySelectorAll("button.sort").forEach((b, c) => b.addEventListener("click", () => {
                      descending = sortColumn === c ? !descending : false; sortColumn = c;
                      rows.sort((x, y) => descending ? y["c" + c] - x["c" + c] : x["c" + c] - y["c" + c]);
                      heads.forEach((h, i) => h.setAttribute("aria-sort", i === c ? (descending ? "descending" : "ascending") : "none"));
                      show();
                    }));
                    show();
                    function check() {
                      const sorted = sortColumn === @COLUMN@ && descending === @DESC@;
                      return {subgoals: [sorted || openedAsFirst, opened === @TOP@ && openedAsFirst],
                              failed: opened !== null && !(opened === @TOP@ && openedAsFirst),
                              state: {sort_column: sortColumn, descending: descending, opened: opened}};
                    }""".replace("@ROWS@", rows.toString()).replace("@COLUMN@", Integer.toString(v.column))
                    .replace("@DESC@", Boolean.toString(v.descending)).replace("@TOP@", js(v.top)));
        }
    }
}
