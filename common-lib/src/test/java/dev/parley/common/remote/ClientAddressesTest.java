package dev.parley.common.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Only the platform can name a client's address; anything else is judged by its socket. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new InternalSecret("platform secret"));

    private static MockHttpServletRequest from(String socketAddress, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth.signin");
        request.setRemoteAddr(socketAddress);
        if (header != null) {
            request.addHeader(ClientAddresses.HEADER, header);
        }
        return request;
    }

    @Test
    void withoutAHeaderTheSocketsPeerIsTheClient() {
        assertThat(addresses.of(from("198.51.100.4", null))).isEqualTo("198.51.100.4");
    }

    @Test
    void anAddressVouchedForByThePlatformIsBelieved() {
        assertThat(addresses.of(from("127.0.0.1", addresses.vouch("203.0.113.9")))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("127.0.0.1", addresses.vouch("2001:db8:0:0:0:0:0:1"))))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void aClientCannotNameItsOwnAddress() {
        assertThat(addresses.of(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
        String vouched = addresses.vouch("203.0.113.9");
        String proof = vouched.substring(vouched.indexOf(' '));
        assertThat(addresses.of(from("198.51.100.4", "203.0.113.10" + proof))).as("a proof of another address")
                .isEqualTo("198.51.100.4");
        ClientAddresses otherPlatform = new ClientAddresses(new InternalSecret("another secret"));
        assertThat(addresses.of(from("198.51.100.4", otherPlatform.vouch("203.0.113.9")))).as("another secret's proof")
                .isEqualTo("198.51.100.4");
        assertThat(addresses.of(from("198.51.100.4", " "))).isEqualTo("198.51.100.4");
        assertThat(addresses.of(from("198.51.100.4", "x".repeat(10_000) + proof))).isEqualTo("198.51.100.4");
    }
}
