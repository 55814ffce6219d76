package dev.parley.common.event;

/**
 * One change in a channel, numbered by the channel's sequence: the unit of the outbox, the event log and live
 * delivery. {@code payload} is the Slack-shaped event JSON a client receives.
 */
public record ChannelEvent(String workspaceId, String channelId, long seq, String type, String payload) {
}
