package dev.rooms.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com", "first.last+tag@sub.example.co.uk", "me@localhost", "\"odd..person\"@example.com",
            "juergen@bücher.de", "x@xn--bcher-kva.example"})
    void acceptsWhatDjangoAccepts(String email) {
        assertThat(EmailAddresses.isValid(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@example.com", "user@", "user@example", "two..dots@example.com", "user@-bad.com",
            "user@example.c", "a b@example.com", "user@exa mple.com", "jürgen@example.com"})
    void rejectsWhatDjangoRejects(String email) {
        assertThat(EmailAddresses.isValid(email)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"John.Doe@EXAMPLE.Com"})
    void normalizeLowerCasesOnlyTheDomain(String email) {
        assertThat(EmailAddresses.normalize(email)).isEqualTo("John.Doe@example.com");
    }
}
