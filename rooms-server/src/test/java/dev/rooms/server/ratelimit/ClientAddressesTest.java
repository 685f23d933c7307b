package dev.rooms.server.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void ofWhenNoProxyIsTrustedThenForwardedForIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of());

        assertThat(addresses.of(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void ofWhenThePeerIsATrustedProxyThenTheRightMostUntrustedEntry() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "::1"));

        assertThat(addresses.of(from("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.0.0.7"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(from("::1", "6.6.6.6", "198.51.100.1"))).as("several header lines")
                .isEqualTo("198.51.100.1");
        assertThat(addresses.of(from("10.1.2.3"))).as("no header").isEqualTo("10.1.2.3");
        assertThat(addresses.of(from("10.1.2.3", "10.0.0.5, 10.0.0.6"))).as("all trusted: the left-most")
                .isEqualTo("10.0.0.5");
    }

    @Test
    void ofWhenThePeerIsNotTrustedThenItIsTheClientWhateverTheHeaderSays() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

        assertThat(addresses.of(from("203.0.113.9", "10.0.0.1"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.1.2.3", "not-an-address"))).isEqualTo("not-an-address");
    }
}
