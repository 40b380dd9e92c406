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

/** Templates of single-page forms: buttons, text entry, validation, dropdowns, checkboxes, radios, login. */
final class FormTemplates {
    private FormTemplates() {
    }

    /** Several buttons; press the named one (a wrong one fails the task, as in MiniWoB's click-button). */
    static final class ClickButton implements GuiTemplate {
        public String id() {
            return "click-button";
        }

        private record Variant(List<String> labels, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> labels = pick(r, GuiHtml.WORDS, 3 + r.nextInt(3));
            return new Variant(labels, labels.get(r.nextInt(labels.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Click the button \"" + v.target + "\".",
                    List.of(ReferenceStep.click("button", v.target)));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Buttons</h1><div>");
            v.labels.forEach(l -> body.append("<button type=\"button\">").append(escape(l)).append("</button>"));
            body.append("</div><p id=\"out\"></p>");
            return GuiHtml.page("Click a button", body.toString(), """
                    let clicked = null;
                    document.querySelectorAll("button").forEach(b => b.addEventListener("click", () => {
                      if (clicked === null) { clicked = b.textContent; document.getElementById("out").textContent = "You clicked " + clicked + "."; }
                    }));
                    function check() {
                      return {subgoals: [clicked === TARGET], failed: clicked !== null && clicked !== TARGET, state: {clicked: clicked}};
                    }""".replace("TARGET", js(v.target)));
        }
    }

    /** One labelled text field and Submit. */
    static final class EnterText implements GuiTemplate {
        private static final List<String> LABELS = List.of("First name", "City", "Nickname", "Username", "Company");

        public String id() {
            return "enter-text";
        }

        private record Variant(String label, String value) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            return new Variant(LABELS.get(r.nextInt(LABELS.size())), GuiHtml.NAMES.get(r.nextInt(GuiHtml.NAMES.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Enter \"" + v.value + "\" in the " + v.label + " field and press Submit.",
                    List.of(ReferenceStep.type(v.label, v.value), ReferenceStep.click("button", "Submit")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Enter text", "<h1>Form</h1><label for=\"f\">" + escape(v.label)
                    + "</label> <input id=\"f\" type=\"text\" autocomplete=\"off\"> <button type=\"button\" id=\"submit\">Submit</button>"
                    + "<p id=\"out\"></p>", """
                    const f = document.getElementById("f");
                    let submitted = null;
                    document.getElementById("submit").addEventListener("click", () => {
                      submitted = f.value; document.getElementById("out").textContent = "Submitted: " + submitted;
                    });
                    function check() {
                      return {subgoals: [f.value === VALUE || submitted === VALUE, submitted === VALUE], failed: false,
                              state: {value: f.value, submitted: submitted}};
                    }""".replace("VALUE", js(v.value)));
        }
    }

    /** Email and age with validation messages; only a valid submission is accepted. */
    static final class SignUp implements GuiTemplate {
        public String id() {
            return "form-validation";
        }

        private record Variant(String email, String age) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String email = GuiHtml.NAMES.get(r.nextInt(GuiHtml.NAMES.size())) + "@"
                    + GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())).toLowerCase() + ".test";
            return new Variant(email, Integer.toString(18 + r.nextInt(60)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Sign up with the email " + v.email + " and the age " + v.age + ".",
                    List.of(ReferenceStep.type("Email", v.email), ReferenceStep.type("Age", v.age),
                            ReferenceStep.click("button", "Sign up")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Sign up", "<h1>Sign up</h1><div><label for=\"email\">Email</label> "
                    + "<input id=\"email\" type=\"text\" autocomplete=\"off\"></div><div><label for=\"age\">Age</label> "
                    + "<input id=\"age\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\"></div>"
                    + "<button type=\"button\" id=\"go\">Sign up</button><p id=\"msg\" role=\"status\"></p>", """
                    const email = document.getElementById("email"), age = document.getElementById("age");
                    let accepted = null, error = null;
                    document.getElementById("go").addEventListener("click", () => {
                      const n = Number(age.value);
                      if (!/^[^@\\s]+@[^@\\s]+\\.[a-z]+$/.test(email.value)) error = "Enter a valid email address.";
                      else if (!/^[0-9]+$/.test(age.value) || n < 18 || n > 120) error = "Age must be a number from 18 to 120.";
                      else { error = null; accepted = {email: email.value, age: age.value}; }
                      const msg = document.getElementById("msg");
                      msg.className = error ? "error" : ""; msg.textContent = error ? error : "Welcome aboard!";
                    });
                    function check() {
                      return {subgoals: [email.value === EMAIL || (accepted !== null && accepted.email === EMAIL),
                                         age.value === AGE || (accepted !== null && accepted.age === AGE),
                                         accepted !== null && accepted.email === EMAIL && accepted.age === AGE],
                              failed: false, state: {email: email.value, age: age.value, accepted: accepted, error: error}};
                    }""".replace("EMAIL", js(v.email)).replace("AGE", js(v.age)));
        }
    }

    /** A labelled select and Submit. */
    static final class Dropdown implements GuiTemplate {
        private static final List<String> LABELS = List.of("Colour", "Flavour", "Region", "Team");

        public String id() {
            return "dropdown";
        }

        private record Variant(String label, List<String> options, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            String label = LABELS.get(r.nextInt(LABELS.size()));
            List<String> options = pick(r, GuiHtml.WORDS, 4 + r.nextInt(3));
            return new Variant(label, options, options.get(r.nextInt(options.size())));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Select \"" + v.target + "\" in the " + v.label + " list and press Submit.",
                    List.of(ReferenceStep.select(v.label, v.target), ReferenceStep.click("button", "Submit")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Choose</h1><label for=\"s\">").append(escape(v.label))
                    .append("</label> <select id=\"s\"><option value=\"\">Choose one</option>");
            v.options.forEach(o -> body.append("<option value=\"").append(escape(o)).append("\">").append(escape(o)).append("</option>"));
            body.append("</select> <button type=\"button\" id=\"submit\">Submit</button><p id=\"out\"></p>");
            return GuiHtml.page("Dropdown", body.toString(), """
                    const s = document.getElementById("s");
                    let submitted = null;
                    document.getElementById("submit").addEventListener("click", () => {
                      submitted = s.value; document.getElementById("out").textContent = "Submitted: " + submitted;
                    });
                    function check() {
                      return {subgoals: [s.value === TARGET || submitted === TARGET, submitted === TARGET], failed: false,
                              state: {selected: s.value, submitted: submitted}};
                    }""".replace("TARGET", js(v.target)));
        }
    }

    /** Several checkboxes; tick exactly the named ones and Submit. */
    static final class Checkboxes implements GuiTemplate {
        public String id() {
            return "checkboxes";
        }

        private record Variant(List<String> labels, List<String> targets) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> labels = pick(r, GuiHtml.WORDS, 4 + r.nextInt(3));
            List<String> targets = new ArrayList<>(pick(r, labels, 1 + r.nextInt(3)));
            targets.sort(java.util.Comparator.comparingInt(labels::indexOf));
            return new Variant(labels, targets);
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            List<ReferenceStep> reference = new ArrayList<>();
            v.targets.forEach(t -> reference.add(ReferenceStep.check("checkbox", t)));
            reference.add(ReferenceStep.click("button", "Submit"));
            return new GuiTask(id(), seed, "Tick " + String.join(", ", v.targets) + " and nothing else, then press Submit.",
                    reference);
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Pick</h1><div>");
            v.labels.forEach(l -> body.append("<div><label><input type=\"checkbox\" value=\"").append(escape(l)).append("\"> ")
                    .append(escape(l)).append("</label></div>"));
            body.append("</div><button type=\"button\" id=\"submit\">Submit</button><p id=\"out\"></p>");
            return GuiHtml.page("Checkboxes", body.toString(), """
                    const boxes = Array.from(document.querySelectorAll("input[type=checkbox]"));
                    const wanted = TARGETS.join("|");
                    let submitted = null;
                    function ticked() { return boxes.filter(b => b.checked).map(b => b.value).join("|"); }
                    document.getElementById("submit").addEventListener("click", () => {
                      submitted = ticked(); document.getElementById("out").textContent = "Submitted: " + (submitted || "nothing");
                    });
                    function check() {
                      return {subgoals: [ticked() === wanted || submitted === wanted, submitted === wanted], failed: false,
                              state: {ticked: ticked(), submitted: submitted}};
                    }""".replace("TARGETS", jsArray(v.targets)));
        }
    }

    /** A radio group and Continue. */
    static final class Radio implements GuiTemplate {
        private static final List<String> SPEEDS = List.of("Standard", "Express", "Overnight", "Economy", "Pickup");

        public String id() {
            return "radio";
        }

        private record Variant(List<String> labels, String target) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            List<String> labels = pick(r, SPEEDS, 3);
            return new Variant(labels, labels.get(r.nextInt(3)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Choose the " + v.target + " shipping speed and press Continue.",
                    List.of(ReferenceStep.check("radio", v.target), ReferenceStep.click("button", "Continue")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            StringBuilder body = new StringBuilder("<h1>Shipping</h1><fieldset><legend>Speed</legend>");
            v.labels.forEach(l -> body.append("<div><label><input type=\"radio\" name=\"speed\" value=\"").append(escape(l))
                    .append("\"> ").append(escape(l)).append("</label></div>"));
            body.append("</fieldset><button type=\"button\" id=\"go\">Continue</button><p id=\"out\"></p>");
            return GuiHtml.page("Radio", body.toString(), """
                    let submitted = null;
                    function chosen() { const c = document.querySelector("input[name=speed]:checked"); return c ? c.value : null; }
                    document.getElementById("go").addEventListener("click", () => {
                      submitted = chosen(); document.getElementById("out").textContent = "Chosen: " + (submitted || "nothing");
                    });
                    function check() {
                      return {subgoals: [chosen() === TARGET || submitted === TARGET, submitted === TARGET], failed: false,
                              state: {chosen: chosen(), submitted: submitted}};
                    }""".replace("TARGET", js(v.target)));
        }
    }

    /** Username, password, Log in; a wrong pair shows an error and may be retried. */
    static final class Login implements GuiTemplate {
        public String id() {
            return "login";
        }

        private record Variant(String user, String password) {
        }

        private Variant variant(long seed) {
            SplittableRandom r = random(id(), seed);
            return new Variant(GuiHtml.NAMES.get(r.nextInt(GuiHtml.NAMES.size())),
                    GuiHtml.WORDS.get(r.nextInt(GuiHtml.WORDS.size())).toLowerCase() + (10 + r.nextInt(90)));
        }

        public GuiTask task(long seed) {
            Variant v = variant(seed);
            return new GuiTask(id(), seed, "Log in as " + v.user + " with the password " + v.password + ".",
                    List.of(ReferenceStep.type("Username", v.user), ReferenceStep.type("Password", v.password),
                            ReferenceStep.click("button", "Log in")));
        }

        public String page(long seed, Map<String, String> query) {
            Variant v = variant(seed);
            return GuiHtml.page("Log in", "<h1 id=\"title\">Log in</h1><form id=\"form\"><div><label for=\"user\">Username</label> "
                    + "<input id=\"user\" type=\"text\" autocomplete=\"off\"></div><div><label for=\"pass\">Password</label> "
                    + "<input id=\"pass\" type=\"password\" autocomplete=\"off\"></div>"
                    + "<button type=\"submit\">Log in</button></form><p id=\"msg\" role=\"status\"></p>", """
                    const user = document.getElementById("user"), pass = document.getElementById("pass");
                    let loggedIn = false;
                    document.getElementById("form").addEventListener("submit", e => {
                      e.preventDefault();
                      const msg = document.getElementById("msg");
                      if (user.value === USER && pass.value === PASS) {
                        loggedIn = true; document.getElementById("form").hidden = true;
                        document.getElementById("title").textContent = "Welcome, " + user.value; msg.textContent = "";
                      } else { msg.className = "error"; msg.textContent = "Wrong username or password."; }
                    });
                    function check() {
                      return {subgoals: [user.value === USER, pass.value === PASS, loggedIn], failed: false,
                              state: {user: user.value, password_length: pass.value.length, logged_in: loggedIn}};
                    }""".replace("USER", js(v.user)).replace("PASS", js(v.password)));
        }
    }
}
