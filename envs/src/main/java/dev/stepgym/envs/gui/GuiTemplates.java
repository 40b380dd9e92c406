package dev.stepgym.envs.gui;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task templates of gui-v1, in a fixed order, and the task ids over them ({@code template:seed}). */
public final class GuiTemplates {
    /** Seeds of the test split start here; train seeds are below it. */
    static final long TEST_SEEDS = 1_000_000;
    private static final int TASKS_PER_TEMPLATE = 10;

    private final Map<String, GuiTemplate> byId = new LinkedHashMap<>();
    /** Templates reachable by task id only: in no split and never picked by a seed. */
    private final Map<String, GuiTemplate> hidden = new LinkedHashMap<>();

    public GuiTemplates() {
        for (GuiTemplate t : List.of(new FormTemplates.ClickButton(), new FormTemplates.EnterText(),
                new FormTemplates.SignUp(), new FormTemplates.Dropdown(), new FormTemplates.Checkboxes(),
                new WidgetTemplates.Tabs(), new FormTemplates.Radio(), new FormTemplates.Login(),
                new WidgetTemplates.Menu(), new WidgetTemplates.ScrollList(), new WidgetTemplates.DatePicker(),
                new WidgetTemplates.Wizard(), new WidgetTemplates.ClickLink(), new WidgetTemplates.Toggles(),
                new WidgetTemplates.Search(), new DragTemplates.DragToColumn(), new DragTemplates.Reorder(),
                new MoreWidgetTemplates.ModalConfirm(), new MoreWidgetTemplates.Accordion(), new MoreWidgetTemplates.Autocomplete(),
                new MoreWidgetTemplates.MultiSelect(), new MoreWidgetTemplates.WordLimit(), new MoreWidgetTemplates.Slider(),
                new MoreWidgetTemplates.TableSelect(), new MoreWidgetTemplates.SortableTable(), new MoreWidgetTemplates.CopyValue(), new MoreWidgetTemplates.DependentFields(),
                new MoreWidgetTemplates.Pagination(), new MoreWidgetTemplates.Checkout())) {
            byId.put(t.id(), t);
        }
        for (GuiTemplate t : FaultTemplates.all()) {
            hidden.put(t.id(), t);
        }
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public GuiTemplate template(String id) {
        GuiTemplate t = byId.containsKey(id) ? byId.get(id) : hidden.get(id);
        if (t == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "unknown gui-v1 template '" + id + "'; templates: " + ids());
        }
        return t;
    }

    /** A task id {@code template:seed}, or a bare template id (then the episode's seed is the variant). */
    public GuiTask task(String taskId, long seed) {
        int colon = taskId.lastIndexOf(':');
        if (colon < 0) {
            return template(taskId).task(seed);
        }
        long variant;
        try {
            variant = Long.parseLong(taskId.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "a gui-v1 task id is template:seed, e.g. 'tabs:3'; got '" + taskId + "'");
        }
        return template(taskId.substring(0, colon)).task(variant);
    }

    /** The task a seed picks when the client names none: the template cycles with the seed. */
    public GuiTask pick(long seed) {
        List<String> ids = ids();
        return template(ids.get((int) Math.floorMod(seed, (long) ids.size()))).task(seed);
    }

    /** {@code train}: seeds 0-9 of every template; {@code test}: seeds from 1,000,000. */
    public List<String> split(String split) {
        long base = switch (split) {
            case "train" -> 0;
            case "test" -> TEST_SEEDS;
            default -> throw new StepGymException(ErrorCode.BAD_REQUEST, "gui-v1 splits are train and test, not '" + split + "'");
        };
        List<String> tasks = new ArrayList<>();
        for (String id : ids()) {
            for (int i = 0; i < TASKS_PER_TEMPLATE; i++) {
                tasks.add(id + ":" + (base + i));
            }
        }
        return tasks;
    }
}
