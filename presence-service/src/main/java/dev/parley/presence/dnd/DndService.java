package dev.parley.presence.dnd;

import dev.parley.common.api.SlackApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Do-not-disturb: snoozing notifications for a number of minutes, and what others may know of it. */
@Service
public class DndService {

    /** The longest snooze: a year, far beyond any client's choices, so end times stay sane. */
    static final int MAX_MINUTES = 365 * 24 * 60;

    private final DndRepository snoozes;

    DndService(DndRepository snoozes) {
        this.snoozes = snoozes;
    }

    /** Starts a snooze of the given length, or moves the end of the running one. */
    public DndStatus setSnooze(String workspaceId, String userId, int minutes) {
        if (minutes <= 0 || minutes > MAX_MINUTES) {
            throw new SlackApiException("invalid_arguments");
        }
        long now = nowSeconds();
        long end = now + minutes * 60L;
        snoozes.snooze(workspaceId, userId, end);
        return new DndStatus(end, now);
    }

    public DndStatus endSnooze(String workspaceId, String userId) {
        long now = nowSeconds();
        if (!snoozes.endSnooze(workspaceId, userId, now)) {
            throw new SlackApiException("snooze_not_active");
        }
        return new DndStatus(0, now);
    }

    /** The DND state of each given user of one workspace, in the order given. */
    public Map<String, DndStatus> status(String workspaceId, Collection<String> userIds) {
        long now = nowSeconds();
        Map<String, Long> ends = snoozes.snoozeEnds(workspaceId, userIds);
        Map<String, DndStatus> status = new LinkedHashMap<>();
        for (String user : userIds) {
            status.put(user, new DndStatus(ends.getOrDefault(user, 0L), now));
        }
        return status;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
