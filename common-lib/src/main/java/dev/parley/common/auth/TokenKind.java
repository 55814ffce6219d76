package dev.parley.common.auth;

/** Which kind of token authenticated a call; some methods accept only one kind ({@code not_allowed_token_type}). */
public enum TokenKind {
    /** A person's signed session token (JWT) from {@code auth.signin}: every user scope. */
    USER,
    /** A bot's opaque {@code xoxb-} token, limited to the scopes it was installed with. */
    BOT
}
