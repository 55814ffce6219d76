package dev.parley.workspace.webhook;

/** An incoming webhook: a secret URL that posts into one channel as one bot. Only the secret's hash is kept. */
public record Webhook(String workspaceId, String id, String botId, String channelId, String createdBy, long createdAt,
                      boolean revoked) {
}
