package dev.stepgym.envs.gui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where an action lands and where the reference's targets are, measured on the page just before the
 * action (on the browser's thread): the facts BTL-UI's rule-based match reads ({@code reference_match}).
 * Boxes are viewport pixels {@code [x1, y1, x2, y2]}, the frame mouse clicks use; an element that is
 * hidden or absent has no box.
 *
 * @param point          the click's point, or the centre of the element acted on (drag's source); null for other actions
 * @param dropPoint      drag's drop point: the centre of the element dropped onto; else null
 * @param referenceBoxes per reference step, its target's box (drag's source), for the steps of the action's type only
 * @param dropBoxes      per reference step, drag's drop target's box, for drag steps when the action is a drag
 */
record ActionGeometry(List<Double> point, List<Double> dropPoint, List<List<Double>> referenceBoxes, List<List<Double>> dropBoxes) {
    /** A visible element's client rectangle, or null; evaluated over a locator's matches (none is fine). */
    private static final String BOX_JS = """
            els => {
              if (!els.length) { return null; }
              const r = els[0].getBoundingClientRect();
              return r.width > 0 && r.height > 0 ? [r.left, r.top, r.right, r.bottom] : null;
            }""";

    /** The acted element was just found; on a loaded machine its box may still take seconds. */
    private static final double ACTED_BOX_MS = 2_000;

    static final ActionGeometry NONE = new ActionGeometry(null, null, List.of(), List.of());

    /**
     * Measures before {@code action} runs. Each reference target costs one round trip, and only those of
     * the same type. Measuring never stops the action: a page too slow to answer gives no geometry (the
     * step then matches nothing) rather than a failed action.
     */
    static ActionGeometry measure(Page page, GuiAction action, List<ReferenceStep> reference) {
        try {
            return measureOrFail(page, action, reference);
        } catch (PlaywrightException e) {
            return NONE;
        }
    }

    private static ActionGeometry measureOrFail(Page page, GuiAction action, List<ReferenceStep> reference) {
        List<Double> point = null;
        if (action.ref() != null) {
            point = centre(actedBox(page.locator("aria-ref=" + action.ref())));
        } else if (action.verb().equals(GuiAction.CLICK)) {
            point = List.of((double) action.x(), (double) action.y());
        }
        boolean drag = action.verb().equals(GuiAction.DRAG);
        List<Double> dropPoint = drag ? centre(actedBox(page.locator("aria-ref=" + action.text()))) : null;
        boolean targeted = action.ref() != null || action.verb().equals(GuiAction.CLICK);
        List<List<Double>> boxes = new ArrayList<>();
        List<List<Double>> dropBoxes = new ArrayList<>();
        for (ReferenceStep step : reference) {
            boolean measured = targeted && step.action().equals(action.verb());
            boxes.add(measured ? box(target(page, step.role(), step.name())) : null);
            dropBoxes.add(measured && drag ? box(target(page, step.toRole(), step.toName())) : null);
        }
        return new ActionGeometry(point, dropPoint, boxes, drag ? dropBoxes : List.of());
    }

    private static List<Double> centre(List<Double> box) {
        return box == null ? null : List.of(round((box.get(0) + box.get(2)) / 2), round((box.get(1) + box.get(3)) / 2));
    }

    /** A reference target as the accessibility tree names it (exact role and name). */
    private static Locator target(Page page, String roleName, String name) {
        if (roleName == null || name == null) {
            return null;
        }
        AriaRole role;
        try {
            role = AriaRole.valueOf(roleName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return page.getByRole(role, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * The acted element's box by Playwright's own measure (the aria-ref engine resolves for Playwright's
     * calls, not inside evaluateAll); the element was just found, so the wait is short.
     */
    private static List<Double> actedBox(Locator locator) {
        if (locator.count() == 0) {
            return null;
        }
        var b = locator.first().boundingBox(new Locator.BoundingBoxOptions().setTimeout(ACTED_BOX_MS));
        if (b == null || b.width <= 0 || b.height <= 0) {
            return null;
        }
        return List.of(round(b.x), round(b.y), round(b.x + b.width), round(b.y + b.height));
    }

    private static List<Double> box(Locator locator) {
        if (locator == null) {
            return null;
        }
        Object raw = locator.evaluateAll(BOX_JS);
        if (!(raw instanceof List<?> l) || l.size() != 4) {
            return null;
        }
        Double[] out = new Double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = round(((Number) l.get(i)).doubleValue());
        }
        return Arrays.asList(out);
    }

    /** Two decimals: sub-pixel layout noise stays out of the recorded evidence. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
