package dev.rooms.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private static final CommonPasswords COMMON = CommonPasswords.load();
    private final PasswordRules rules = new PasswordRules(COMMON);

    @Test
    void commonPasswordListComesFromZxcvbnWithAtLeastTenThousandEntries() {
        assertThat(COMMON.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(COMMON.contains("password")).isTrue();
        assertThat(COMMON.contains("  QWERTY ")).isTrue();
        assertThat(COMMON.contains("vq7!fhz-Ru2m")).isFalse();
    }

    @Test
    void goodPasswordThenNoProblems() {
        assertThat(rules.check("vq7!fhz-Ru2m", attributes("jane@example.com", "Jane Doe"))).isEmpty();
    }

    @Test
    void shortPasswordThenTooShort() {
        assertThat(rules.check("x9!Lq", attributes(null, null)))
                .containsExactly("This password is too short. It must contain at least 8 characters.");
    }

    @Test
    void commonPasswordThenTooCommonWhateverItsCase() {
        assertThat(rules.check("Sunshine1", attributes(null, null))).containsExactly("This password is too common.");
    }

    @Test
    void digitsOnlyThenEntirelyNumeric() {
        assertThat(rules.check("80547301926", attributes(null, null))).containsExactly("This password is entirely numeric.");
    }

    @Test
    void severalRulesBrokenThenAllReportedInDjangosOrder() {
        assertThat(rules.check("1234567", attributes(null, null))).containsExactly(
                "This password is too short. It must contain at least 8 characters.",
                "This password is too common.",
                "This password is entirely numeric.");
    }

    @Test
    void passwordLikeEmailLocalPartThenTooSimilarToEmail() {
        assertThat(rules.check("Haraldsson", attributes("haraldsson@example.org", "Someone Else")))
                .containsExactly("The password is too similar to the email.");
    }

    @Test
    void passwordLikeWholeEmailThenTooSimilarToEmail() {
        assertThat(rules.check("kim@corp.io1", attributes("kim@corp.io", "Q"))).contains("The password is too similar to the email.");
    }

    @Test
    void passwordLikePartOfNameThenTooSimilarToName() {
        assertThat(rules.check("Wilhelmina!", attributes("w@example.org", "Wilhelmina Tromp")))
                .containsExactly("The password is too similar to the name.");
    }

    @Test
    void longPassphraseContainingShortNameIsNotTooSimilar() {
        // Django skips attribute parts far shorter than the password; "Al" inside a passphrase is no leak.
        assertThat(rules.check("al walked the long road home", attributes("x@example.org", "Al"))).isEmpty();
    }

    @Test
    void quickRatioMatchesPythonsSequenceMatcher() {
        // Values from Python: SequenceMatcher(a=..., b=...).quick_ratio()
        assertThat(PasswordRules.quickRatio("abcd", "bcde")).isEqualTo(0.75);
        assertThat(PasswordRules.quickRatio("aab", "abb")).isEqualTo(2.0 * 2 / 6);
        assertThat(PasswordRules.quickRatio("", "")).isEqualTo(1.0);
    }

    private static Map<String, String> attributes(String email, String name) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("email", email);
        attributes.put("name", name);
        return attributes;
    }
}
