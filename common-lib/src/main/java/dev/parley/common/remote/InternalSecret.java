package dev.parley.common.remote;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.core.env.Environment;

/**
 * The shared secret services present to each other on {@code /internal/**} calls. Without
 * {@code parley.internal.secret} a process makes up its own, so nothing outside it can call its internal endpoints:
 * right for the standalone server, and a deliberate refusal for a distributed one that was not configured.
 */
public record InternalSecret(String value) {

    public static final String HEADER = "X-Parley-Internal";

    static InternalSecret from(Environment env) {
        String configured = env.getProperty("parley.internal.secret", "");
        if (!configured.isBlank()) {
            return new InternalSecret(configured);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new InternalSecret(HexFormat.of().formatHex(random));
    }

    public boolean matches(String presented) {
        return presented != null && java.security.MessageDigest.isEqual(presented.getBytes(), value.getBytes());
    }
}
