package dev.stepgym.envs.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.stepgym.envs.gui.GuiHtml.escape;
import static dev.stepgym.envs.gui.GuiHtml.js;
import static dev.stepgym.envs.gui.GuiHtml.pick;
import static dev.stepgym.envs.gui.GuiHtml.random;

/** Templates of widgets: tabs, a menu, a long list, a date picker, a two-page flow. */
final class WidgetTemplates {
    private WidgetTemplates() {
    }

    /** Three tabs with two buttons each; open a tab and press one of its buttons. */
    static final class Tabs implements GuiTemplate {
        public String id() {
            return "tabs";
        }

        private record Variant(List<String> tabs, List<String> buttons, int tab, String button) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> words = pick(r, GuiHtml.WORDS, 9);
            int tab = 1 + r.nextInt(2);
            return new Variant(words.subList(0, 3), words.subList(3, 9), tab, words.get(3 + 2 * tab + r.nextInt(2)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            String tab = v.tabs.get(v.tab);
            return new GuiTask(id(), seed, "Open the " + tab + " tab and press " + v.button + ".",
                    List.of(ReferenceStep.click("tab", tab), ReferenceStep.click("button", v.button)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Tabs</h1><div role=\"tablist\">");
            for (int i = 0; i < 3; i++) {
                body.append("<button type=\"button\" role=\"tab\" id=\"t").append(i).append("\" aria-controls=\"p").append(i)
                        .append("\" aria-selected=\"").append(i == 0).append("\">").append(escape(v.tabs.get(i))).append("</button>");
            }
            body.append("</div>");
            for (int i = 0; i < 3; i++) {
                body.append("<div role=\"tabpanel\" id=\"p").append(i).append("\" aria-labelledby=\"t").append(i).append("\"")
                        .append(i == 0 ? "" : " hidden").append(">");
                for (int b = 0; b < 2; b++) {
                    body.append("<button type=\"button\" class=\"action\">").append(escape(v.buttons.get(2 * i + b))).append("</button>");
                }
                body.append("</div>");
            }
            body.append("<p id=\"out\"></p>");
            return GuiHtml.page("Tabs", body.toString(), """
                    const tabs = Array.from(document.querySelectorAll("[role=tab]"));
                    let active = tabs[0].textContent, pressed = null;
                    tabs.forEach(t => t.addEventListener("click", () => {
                      tabs.forEach(o => { o.setAttribute("aria-selected", String(o === t)); document.getElementById(o.getAttribute("aria-controls")).hidden = o !== t; });
                      active = t.textContent;
                    }));
                    document.querySelectorAll("button.action").forEach(b => b.addEventListener("click", () => {
                      if (pressed === null) { pressed = b.textContent; document.getElementById("out").textContent = "Pressed " + pressed + "."; }
                    }));
                    function check() {
                      return {subgoals: [active === TAB || pressed === BUTTON, pressed === BUTTON],
                              failed: pressed !== null && pressed !== BUTTON, state: {active: active, pressed: pressed}};
                    }""".replace("TAB", js(v.tabs.get(v.tab))).replace("BUTTON", js(v.button)));
        }
    }

    /** A menu button; open it and choose an item (a wrong item fails). */
    static final class Menu implements GuiTemplate {
        public String id() {
            return "menu";
        }

        private record Variant(List<String> items, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> items = pick(r, GuiHtml.WORDS, 4 + r.nextInt(3));
            return new Variant(items, items.get(r.nextInt(items.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Open the Actions menu and choose " + v.target + ".",
                    List.of(ReferenceStep.click("button", "Actions"), ReferenceStep.click("menuitem", v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Menu</h1><button type=\"button\" id=\"open\" aria-haspopup=\"menu\" "
                    + "aria-expanded=\"false\">Actions</button><ul role=\"menu\" id=\"menu\" hidden>");
            v.items.forEach(i -> body.append("<li role=\"menuitem\" tabindex=\"-1\">").append(escape(i)).append("</li>"));
            body.append("</ul><p id=\"out\"></p>");
            return GuiHtml.page("Menu", body.toString(), """
                    const open = document.getElementById("open"), menu = document.getElementById("menu");
                    let opened = false, chosen = null;
                    open.addEventListener("click", () => {
                      menu.hidden = !menu.hidden; open.setAttribute("aria-expanded", String(!menu.hidden)); opened = opened || !menu.hidden;
                    });
                    menu.querySelectorAll("[role=menuitem]").forEach(i => i.addEventListener("click", () => {
                      if (chosen === null) { chosen = i.textContent; menu.hidden = true; open.setAttribute("aria-expanded", "false");
                        document.getElementById("out").textContent = "Chose " + chosen + "."; }
                    }));
                    function check() {
                      return {subgoals: [opened, chosen === TARGET], failed: chosen !== null && chosen !== TARGET,
                              state: {open: !menu.hidden, chosen: chosen}};
                    }""".replace("TARGET", js(v.target)));
        }
    }

    /** A long list of orders; open the named one, far below the first screen. */
    static final class ScrollList implements GuiTemplate {
        private static final int ROWS = 40;

        public String id() {
            return "scroll-list";
        }

        private record Variant(List<Integer> orders, int target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<Integer> orders = new ArrayList<>();
            int next = 1000 + r.nextInt(9000);
            for (int i = 0; i < ROWS; i++) {
                next += 1 + r.nextInt(50);
                orders.add(next);
            }
            return new Variant(orders, orders.get(ROWS / 2 + r.nextInt(ROWS / 2)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Open order " + v.target + " in the list.",
                    List.of(ReferenceStep.click("button", "Open order " + v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Orders</h1><p id=\"out\"></p><ul>");
            v.orders.forEach(o -> body.append("<li style=\"height:48px\">Order ").append(o)
                    .append(" <button type=\"button\" data-order=\"").append(o).append("\" aria-label=\"Open order ").append(o)
                    .append("\">Open</button></li>"));
            body.append("</ul>");
            return GuiHtml.page("Orders", body.toString(), """
                    let opened = null;
                    document.querySelectorAll("button[data-order]").forEach(b => b.addEventListener("click", () => {
                      if (opened === null) { opened = b.dataset.order; document.getElementById("out").textContent = "Opened order " + opened + "."; }
                    }));
                    function check() {
                      return {subgoals: [opened === TARGET], failed: opened !== null && opened !== TARGET,
                              state: {opened: opened, scroll_y: Math.round(window.scrollY)}};
                    }""".replace("TARGET", js(Integer.toString(v.target))));
        }
    }

    /** A month's calendar of day buttons and OK. */
    static final class DatePicker implements GuiTemplate {
        private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December");

        public String id() {
            return "date-picker";
        }

        private record Variant(String month, int days, int day) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            int m = r.nextInt(12);
            int days = java.time.YearMonth.of(2026, m + 1).lengthOfMonth();
            return new Variant(MONTHS.get(m), days, 1 + r.nextInt(days));
        }

        private static String label(Variant v, int day) {
            return v.month + " " + day + ", 2026";
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Pick the date " + label(v, v.day) + " and press OK.",
                    List.of(ReferenceStep.click("button", label(v, v.day)), ReferenceStep.click("button", "OK")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Date</h1><p>Chosen: <output id=\"chosen\">none</output></p><div role=\"group\" aria-label=\"")
                    .append(escape(v.month)).append(" 2026\">");
            for (int d = 1; d <= v.days; d++) {
                body.append("<button type=\"button\" class=\"day\" data-day=\"").append(d).append("\" aria-label=\"")
                        .append(escape(label(v, d))).append("\">").append(d).append("</button>");
                if (d % 7 == 0) {
                    body.append("<br>");
                }
            }
            body.append("</div><button type=\"button\" id=\"ok\">OK</button><p id=\"out\"></p>");
            return GuiHtml.page("Date picker", body.toString(), """
                    let picked = null, confirmed = null;
                    document.querySelectorAll("button.day").forEach(b => b.addEventListener("click", () => {
                      picked = b.dataset.day; document.getElementById("chosen").textContent = b.getAttribute("aria-label");
                    }));
                    document.getElementById("ok").addEventListener("click", () => {
                      confirmed = picked; document.getElementById("out").textContent = "Confirmed.";
                    });
                    function check() {
                      return {subgoals: [picked === DAY || confirmed === DAY, confirmed === DAY], failed: false,
                              state: {picked: picked, confirmed: confirmed}};
                    }""".replace("DAY", js(Integer.toString(v.day))));
        }
    }

    /** Two pages: a country and Next (a real GET navigation), then a postcode and Confirm. */
    static final class Wizard implements GuiTemplate {
        private static final List<String> COUNTRIES = List.of("Austria", "Brazil", "Canada", "Denmark", "Egypt", "Finland",
                "Ghana", "Japan", "Kenya", "Norway");

        public String id() {
            return "wizard";
        }

        private record Variant(List<String> countries, String country, String postcode) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> countries = pick(r, COUNTRIES, 5);
            return new Variant(countries, countries.get(r.nextInt(5)), Integer.toString(10000 + r.nextInt(90000)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Ship to " + v.country + ", postcode " + v.postcode
                    + ": choose the country, press Next, enter the postcode and press Confirm.",
                    List.of(ReferenceStep.select("Country", v.country), ReferenceStep.click("button", "Next"),
                            ReferenceStep.type("Postcode", v.postcode), ReferenceStep.click("button", "Confirm")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            String country = query.get("country");
            if ("2".equals(query.get("step")) && v.countries.contains(country)) {
                return GuiHtml.page("Shipping: postcode", "<h1>Step 2 of 2</h1><p>Country: " + escape(country)
                        + "</p><label for=\"zip\">Postcode</label> <input id=\"zip\" type=\"text\" autocomplete=\"off\"> "
                        + "<button type=\"button\" id=\"confirm\">Confirm</button><p id=\"out\"></p>", """
                        const zip = document.getElementById("zip");
                        let confirmed = null;
                        document.getElementById("confirm").addEventListener("click", () => {
                          confirmed = zip.value; document.getElementById("out").textContent = "Confirmed " + confirmed + ".";
                        });
                        function check() {
                          const here = COUNTRY === WANTED;
                          return {subgoals: [here, here && (zip.value === ZIP || confirmed === ZIP), here && confirmed === ZIP],
                                  failed: false, state: {step: 2, country: COUNTRY, postcode: zip.value, confirmed: confirmed}};
                        }""".replace("COUNTRY", js(country)).replace("WANTED", js(v.country)).replace("ZIP", js(v.postcode)));
            }
            StringBuilder body = new StringBuilder("<h1>Step 1 of 2</h1><form method=\"get\" action=\"wizard\">"
                    + "<input type=\"hidden\" name=\"seed\" value=\"" + seed + "\"><input type=\"hidden\" name=\"step\" value=\"2\">"
                    + "<label for=\"country\">Country</label> <select id=\"country\" name=\"country\">");
            v.countries.forEach(c -> body.append("<option value=\"").append(escape(c)).append("\">").append(escape(c)).append("</option>"));
            body.append("</select> <button type=\"submit\">Next</button></form>");
            return GuiHtml.page("Shipping: country", body.toString(), """
                    const country = document.getElementById("country");
                    function check() {
                      return {subgoals: [country.value === WANTED, false, false], failed: false, state: {step: 1, country: country.value}};
                    }""".replace("WANTED", js(v.country)));
        }
    }

    /** Links in a paragraph; follow the named one (links go nowhere: the page records the choice). */
    static final class ClickLink implements GuiTemplate {
        public String id() {
            return "click-link";
        }

        private record Variant(List<String> words, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> words = pick(r, GuiHtml.WORDS, 4 + r.nextInt(3));
            return new Variant(words, words.get(r.nextInt(words.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Follow the link \"" + v.target + "\".", List.of(ReferenceStep.click("link", v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Reading</h1><p>See also: ");
            v.words.forEach(w -> body.append("<a class=\"topic\" href=\"#").append(escape(w.toLowerCase())).append("\">")
                    .append(escape(w)).append("</a> "));
            body.append("</p><p id=\"out\"></p>");
            return GuiHtml.page("Links", body.toString(), """
                    let followed = null;
                    document.querySelectorAll("a.topic").forEach(a => a.addEventListener("click", e => {
                      e.preventDefault();
                      if (followed === null) { followed = a.textContent; document.getElementById("out").textContent = "Reading about " + followed + "."; }
                    }));
                    function check() {
                      return {subgoals: [followed === TARGET], failed: followed !== null && followed !== TARGET, state: {followed: followed}};
                    }""".replace("TARGET", js(v.target)));
        }
    }

    /** Settings switches; turn on exactly the named ones and Save. */
    static final class Toggles implements GuiTemplate {
        private static final List<String> SETTINGS = List.of("Wi-Fi", "Bluetooth", "Airplane mode", "Location", "Dark mode",
                "Notifications");

        public String id() {
            return "toggles";
        }

        private record Variant(List<String> names, List<String> on) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> names = pick(r, SETTINGS, 4);
            List<String> on = new ArrayList<>(pick(r, names, 1 + r.nextInt(2)));
            on.sort(java.util.Comparator.comparingInt(names::indexOf));
            return new Variant(names, on);
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            List<ReferenceStep> reference = new ArrayList<>();
            v.on.forEach(n -> reference.add(ReferenceStep.click("switch", n)));
            reference.add(ReferenceStep.click("button", "Save"));
            return new GuiTask(id(), seed, "Turn on " + String.join(" and ", v.on) + ", leave the rest off, and press Save.", reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Settings</h1>");
            v.names.forEach(n -> body.append("<div><button type=\"button\" role=\"switch\" aria-checked=\"false\">")
                    .append(escape(n)).append("</button></div>"));
            body.append("<button type=\"button\" id=\"save\">Save</button><p id=\"out\"></p>");
            return GuiHtml.page("Settings", body.toString(), """
                    const switches = Array.from(document.querySelectorAll("[role=switch]"));
                    const wanted = WANTED.join("|");
                    let saved = null;
                    switches.forEach(s => s.addEventListener("click", () => s.setAttribute("aria-checked", String(s.getAttribute("aria-checked") !== "true"))));
                    function on() { return switches.filter(s => s.getAttribute("aria-checked") === "true").map(s => s.textContent).join("|"); }
                    document.getElementById("save").addEventListener("click", () => {
                      saved = on(); document.getElementById("out").textContent = "Saved.";
                    });
                    function check() {
                      return {subgoals: [on() === wanted || saved === wanted, saved === wanted], failed: false, state: {on: on(), saved: saved}};
                    }""".replace("WANTED", GuiHtml.jsArray(v.on)));
        }
    }

    /** A search box; search for a word, then open the named result. */
    static final class Search implements GuiTemplate {
        private static final List<String> KINDS = List.of("trail map", "field guide", "recipe", "history", "photo gallery");

        public String id() {
            return "search";
        }

        private record Variant(String query, List<String> results, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String word = GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size()));
            List<String> results = pick(r, KINDS, 4).stream().map(k -> word + " " + k).toList();
            return new Variant(word.toLowerCase(), results, results.get(r.nextInt(results.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Search for \"" + v.query + "\" and open the result \"" + v.target + "\".",
                    List.of(ReferenceStep.type("Search", v.query), ReferenceStep.click("button", "Go"),
                            ReferenceStep.click("link", v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Search", "<h1>Search</h1><label for=\"q\">Search</label> <input id=\"q\" type=\"text\" "
                    + "autocomplete=\"off\"> <button type=\"button\" id=\"go\">Go</button><ul id=\"results\"></ul><p id=\"out\"></p>", """
                    const q = document.getElementById("q"), list = document.getElementById("results");
                    let searched = null, opened = null;
                    document.getElementById("go").addEventListener("click", () => {
                      searched = q.value.trim().toLowerCase(); list.textContent = ""; opened = null;
                      const hits = searched === QUERY ? RESULTS : [];
                      if (hits.length === 0) { const li = document.createElement("li"); li.textContent = "No results."; list.appendChild(li); }
                      hits.forEach(h => {
                        const li = document.createElement("li"), a = document.createElement("a");
                        a.href = "#result"; a.textContent = h;
                        a.addEventListener("click", e => { e.preventDefault(); opened = h; document.getElementById("out").textContent = "Opened " + h + "."; });
                        li.appendChild(a); list.appendChild(li);
                      });
                    });
                    function check() {
                      return {subgoals: [searched === QUERY, opened === TARGET], failed: opened !== null && opened !== TARGET,
                              state: {query: q.value, searched: searched, opened: opened}};
                    }""".replace("QUERY", js(v.query)).replace("RESULTS", GuiHtml.jsArray(v.results)).replace("TARGET", js(v.target)));
        }
    }
}
