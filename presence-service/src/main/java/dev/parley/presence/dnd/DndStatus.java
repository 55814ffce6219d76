package dev.parley.presence.dnd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's do-not-disturb state in Slack's fields. Schedules are not kept yet, so {@code dnd_enabled} is false with
 * Slack's placeholder {@code 1} for the next start and end; a snooze is real.
 */
public record DndStatus(long snoozeEndSeconds, long nowSeconds) {

    private static final long NO_SCHEDULE = 1;

    public boolean snoozing() {
        return snoozeEndSeconds > nowSeconds;
    }

    /** The schedule fields every DND answer carries. */
    Map<String, Object> schedule() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dnd_enabled", false);
        fields.put("next_dnd_start_ts", NO_SCHEDULE);
        fields.put("next_dnd_end_ts", NO_SCHEDULE);
        return fields;
    }

    /** The snooze fields: whether one runs, and if so until when and for how many more seconds. */
    Map<String, Object> snooze() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("snooze_enabled", snoozing());
        if (snoozing()) {
            fields.put("snooze_endtime", snoozeEndSeconds);
            fields.put("snooze_remaining", snoozeEndSeconds - nowSeconds);
        }
        return fields;
    }

    /** Everything {@code dnd.info} reports. */
    Map<String, Object> all() {
        Map<String, Object> fields = schedule();
        fields.putAll(snooze());
        return fields;
    }
}
