package dev.parley.common.remote;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The address of the client a call comes from. Behind the gateway's edge or a forwarding gateway the socket's peer is
 * the platform itself, so those entry points vouch for the client's address in {@link #HEADER}: the address and a MAC
 * of it under the internal secret. A process believes the header only when the MAC holds; a client that sends one of
 * its own is judged by its socket's address. A MAC rather than the secret itself, so the edge can vouch on every
 * request without making it an internal call.
 */
public final class ClientAddresses {

    public static final String HEADER = "X-Parley-Client-Address";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public ClientAddresses(InternalSecret secret) {
        this.key = new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The header value that vouches for an address. */
    public String vouch(String address) {
        return address + " " + mac(address);
    }

    /** The client's address: the one vouched for by the platform when the proof holds, else the socket's peer. */
    public String of(HttpServletRequest request) {
        return vouched(request.getHeader(HEADER)).orElse(request.getRemoteAddr());
    }

    /** The address a header value vouches for, when its MAC is right. */
    public Optional<String> vouched(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.lastIndexOf(' ');
        if (space <= 0 || header.length() > 200) {
            return Optional.empty();
        }
        String address = header.substring(0, space);
        byte[] presented = header.substring(space + 1).getBytes(StandardCharsets.US_ASCII);
        boolean holds = MessageDigest.isEqual(presented, mac(address).getBytes(StandardCharsets.US_ASCII));
        return holds ? Optional.of(address) : Optional.empty();
    }

    private String mac(String address) {
        byte[] digest = macs.get().doFinal(address.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
