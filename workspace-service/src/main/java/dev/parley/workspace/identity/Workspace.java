package dev.parley.workspace.identity;

/** A workspace (Slack's "team"). */
public record Workspace(String id, String name, String domain, long createdAt) {
}
