package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.remote.InternalSecret;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A call's client address is the connection's unless a Parley process vouches for another with the secret. */
class ApiClientAddressTest {

    private final InternalSecret secret = new InternalSecret("s3cret");

    private static MockHttpServletRequest from(String remote) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth.signin");
        request.setRemoteAddr(remote);
        return request;
    }

    @Test
    void theConnectionsAddressByDefault() {
        assertThat(ApiDispatcher.clientAddress(from("10.0.0.7"), secret)).isEqualTo("10.0.0.7");
    }

    @Test
    void aForwardedAddressCountsOnlyWithTheSecret() {
        MockHttpServletRequest forged = from("10.0.0.7");
        forged.addHeader(InternalSecret.CLIENT_IP_HEADER, "1.2.3.4");
        forged.addHeader(InternalSecret.HEADER, "wrong");
        assertThat(ApiDispatcher.clientAddress(forged, secret)).isEqualTo("10.0.0.7");

        MockHttpServletRequest vouched = from("127.0.0.1");
        vouched.addHeader(InternalSecret.CLIENT_IP_HEADER, "1.2.3.4");
        vouched.addHeader(InternalSecret.HEADER, "s3cret");
        assertThat(ApiDispatcher.clientAddress(vouched, secret)).isEqualTo("1.2.3.4");
    }
}
