package dev.parley.common.auth;

/** Claim names and the issuer of Parley's access tokens, shared by the issuer and every verifier. */
public final class TokenClaims {

    public static final String ISSUER = "parley";
    public static final String WORKSPACE = "team";
    public static final String ROLE = "role";
    /**
     * When the token was issued, in epoch milliseconds: {@code iat} counts whole seconds, too coarse to tell a token
     * issued just after an account's revocation (a refresh right after a role change) from one issued just before.
     */
    public static final String ISSUED_AT_MILLIS = "iat_ms";

    private TokenClaims() {
    }
}
