package dev.parley.workspace.audit;

/**
 * One stored audit entry: the columns it is found by, and the entry in Slack's shape as JSON
 * ({@code id}, {@code date_create}, {@code action}, {@code actor}, {@code entity}, {@code context}, {@code details}).
 */
public record AuditEntry(String workspaceId, String id, long createdMillis, String action, String actorId,
                         String entityId, String json) {
}
