package dev.parley.workspace.profile;

/** The profile fields a user edits besides their real name; empty strings where nothing was set. */
public record Profile(String displayName, String title, String phone, String tz, long updatedAt) {

    public static final Profile EMPTY = new Profile("", "", "", "", 0);
}
