package dev.parley.common.auth;

import java.security.PublicKey;

/** Where token verification finds the public key for a {@code kid}: the workspace service's key store, or its JWKS. */
public interface PublicKeys {

    /** The key with this id, or null when there is none. */
    PublicKey find(String kid);
}
