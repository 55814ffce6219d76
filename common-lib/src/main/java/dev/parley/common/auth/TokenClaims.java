package dev.parley.common.auth;

/** Claim names and the issuer of Parley's access tokens, shared by the issuer and every verifier. */
public final class TokenClaims {

    public static final String ISSUER = "parley";
    public static final String WORKSPACE = "team";
    public static final String ROLE = "role";

    private TokenClaims() {
    }
}
