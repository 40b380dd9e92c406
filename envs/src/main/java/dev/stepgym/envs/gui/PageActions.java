package dev.stepgym.envs.gui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one gui-v1 action on a page, on the browser's thread. Checks that need the page (is the
 * target a text field, a list, a box?) happen here, before the page is touched, so a refused action
 * leaves the page as it was.
 */
final class PageActions {
    /** How long one action may wait for its element (Playwright's actionability checks). */
    private static final double ACTION_MS = 3_000;
    private static final String EDITABLE_JS = """
            e => e.isContentEditable || e.tagName === "TEXTAREA" || (e.tagName === "INPUT"
                && ["text", "password", "email", "search", "tel", "url", "number", ""].includes(e.getAttribute("type") || ""))""";
    private static final String CHECKABLE_JS = """
            e => (e.tagName === "INPUT" && (e.type === "checkbox" || e.type === "radio"))
                || ["checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio"].includes(e.getAttribute("role"))""";
    private static final String OPTIONS_JS = "e => e.tagName === 'SELECT' ? Array.from(e.options).map(o => o.label + '\\n' + o.value) : null";

    private PageActions() {
    }

    /** Whether a ref names an element now (a ref no snapshot gave is no element, whatever Playwright says of it). */
    private static boolean present(Locator locator) {
        try {
            return locator.count() > 0;
        } catch (PlaywrightException e) {
            return false;
        }
    }

    /** On the browser thread: carries out the action; returns why it was refused before it touched the page, else null. */
    static String act(Page page, GuiAction a) {
        Locator target = a.ref() == null ? null : page.locator("aria-ref=" + a.ref());
        if (target != null && target.count() == 0) {
            return "the element [ref=" + a.ref() + "] is no longer on the page";
        }
        switch (a.verb()) {
            case GuiAction.CLICK -> {
                if (target != null) {
                    target.click(new Locator.ClickOptions().setTimeout(ACTION_MS));
                } else {
                    var size = page.viewportSize();
                    if (a.x() >= size.width || a.y() >= size.height) {
                        return "(" + a.x() + ", " + a.y() + ") is outside the " + size.width + "x" + size.height + " viewport";
                    }
                    page.mouse().click(a.x(), a.y());
                }
            }
            case GuiAction.TYPE -> {
                if (!Boolean.TRUE.equals(target.evaluate(EDITABLE_JS))) {
                    return "[ref=" + a.ref() + "] is not a text field; type() needs a textbox";
                }
                target.fill(a.text(), new Locator.FillOptions().setTimeout(ACTION_MS));
            }
            case GuiAction.SELECT -> {
                Object options = target.evaluate(OPTIONS_JS);
                if (!(options instanceof List<?> list)) {
                    return "[ref=" + a.ref() + "] is not a list to select from; select() needs a combobox";
                }
                List<String> labels = new ArrayList<>();
                boolean found = false;
                for (Object o : list) {
                    String[] labelValue = String.valueOf(o).split("\n", 2);
                    labels.add(labelValue[0]);
                    found |= labelValue[0].equals(a.text()) || (labelValue.length > 1 && labelValue[1].equals(a.text()));
                }
                if (!found) {
                    return "'" + GuiAction.abbreviate(a.text()) + "' is not an option of [ref=" + a.ref() + "]; options: " + labels;
                }
                target.selectOption(a.text(), new Locator.SelectOptionOptions().setTimeout(ACTION_MS));
            }
            case GuiAction.CHECK -> {
                if (!Boolean.TRUE.equals(target.evaluate(CHECKABLE_JS))) {
                    return "[ref=" + a.ref() + "] is not a checkbox or radio button; use click()";
                }
                target.check(new Locator.CheckOptions().setTimeout(ACTION_MS));
            }
            case GuiAction.SCROLL -> page.evaluate("([dx, dy]) => window.scrollBy(dx, dy)", List.of(a.x(), a.y()));
            case GuiAction.PRESS -> page.keyboard().press(a.text());
            case GuiAction.BACK -> page.goBack();
            case GuiAction.DRAG -> {
                Locator onto = page.locator("aria-ref=" + a.text());
                if (!present(onto)) {
                    return "there is no element [ref=" + a.text() + "] to drop onto; use a ref from the page tree";
                }
                // Mouse down on the source, moves, mouse up on the target: pages see pointer and mouse events,
                // and Chromium's HTML5 drag and drop (dragstart, dragover, drop) as well.
                target.dragTo(onto, new Locator.DragToOptions().setTimeout(ACTION_MS));
            }
            default -> throw new IllegalStateException("unknown verb " + a.verb());
        }
        return null;
    }
}
