package dev.parley.workspace.audit;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.json.SlackJson;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Records the channel service's visibility changes in the audit log by reading the channel event log (consumer
 * group {@code audit}): a channel created public or private, archived or unarchived, converted to private or public.
 * Delivery is at least once; each
 * entry's id comes from the event's channel and sequence number, so a redelivered event records nothing twice.
 */
@Component
class ChannelAuditFeed implements SmartLifecycle {

    static final String GROUP = "audit";
    private static final Logger log = LoggerFactory.getLogger(ChannelAuditFeed.class);

    private final EventLog eventLog;
    private final AuditLog audit;
    private volatile EventLog.Subscription subscription;

    ChannelAuditFeed(EventLog eventLog, AuditLog audit) {
        this.eventLog = eventLog;
        this.audit = audit;
    }

    void on(ChannelEvent event) {
        String privacy = event.routing().audience() == ChannelEvent.Audience.MEMBERS
                || event.routing().audience() == ChannelEvent.Audience.USERS ? "private" : "public";
        String action;
        String actor;
        String name = null;
        try {
            switch (event.type()) {
                // A channel's creation is its first event: channel_created (public) or group_joined (private).
                case "channel_created", "group_joined" -> {
                    if (event.seq() != 1) {
                        return;
                    }
                    JsonNode channel = SlackJson.tree(event.payload()).path("channel");
                    action = privacy + "_channel_created";
                    actor = channel.path("creator").asString(null);
                    name = channel.path("name").asString(null);
                }
                case "channel_archive", "channel_unarchive" -> {
                    action = privacy + "_" + event.type();
                    actor = SlackJson.tree(event.payload()).path("user").asString(null);
                }
                // A conversion is told by its channel message (Slack's channel_convert_to_private/public); the cheap
                // look at the payload spares parsing every other message.
                case "message" -> {
                    if (!event.payload().contains("\"channel_convert_to_")) {
                        return;
                    }
                    JsonNode message = SlackJson.tree(event.payload());
                    switch (message.path("subtype").asString("")) {
                        case "channel_convert_to_private" -> {
                            action = "public_channel_converted_to_private";
                            privacy = "private";
                        }
                        case "channel_convert_to_public" -> {
                            action = "private_channel_converted_to_public";
                            privacy = "public";
                        }
                        default -> {
                            return;
                        }
                    }
                    actor = message.path("user").asString(null);
                }
                default -> {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable {} event of {}: {}", event.type(), event.channelId(), e.toString());
            return;
        }
        String id = UUID.nameUUIDFromBytes((event.workspaceId() + "/" + event.channelId() + "/" + event.seq())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        audit.recordOnce(id, eventMillis(event), event.workspaceId(), action, actor,
                AuditEntity.channel(event.channelId(), name, privacy), Map.of());
    }

    /** When the change happened: the event's {@code event_ts}, else now. */
    private static long eventMillis(ChannelEvent event) {
        try {
            String ts = SlackJson.tree(event.payload()).path("event_ts").asString("");
            if (!ts.isEmpty()) {
                return (long) (Double.parseDouble(ts) * 1000);
            }
        } catch (RuntimeException e) {
            // fall through to now
        }
        return System.currentTimeMillis();
    }

    @Override
    public void start() {
        subscription = eventLog.subscribe(GROUP, this::on);
    }

    @Override
    public void stop() {
        EventLog.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
