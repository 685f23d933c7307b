package dev.rooms.server.user;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email syntax as Django's {@code EmailValidator} accepts it, and Django's normalisation (lower-case domain). */
final class EmailAddresses {

    static final int MAX_LENGTH = 254;

    private static final Pattern USER = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*"
                    + "|\"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile(
            "((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\\.)+)(?:[A-Z0-9-]{2,63}(?<!-))",
            Pattern.CASE_INSENSITIVE);

    private EmailAddresses() {
    }

    static boolean isValid(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0 || email.length() > 320) {
            return false;
        }
        String user = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (!USER.matcher(user).matches()) {
            return false;
        }
        if (domain.equals("localhost") || DOMAIN.matcher(domain).matches()) {
            return true;
        }
        try {
            return DOMAIN.matcher(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED)).matches();
        } catch (IllegalArgumentException notAnIdn) {
            return false;
        }
    }

    /** Lower-cases the domain part, leaves the local part as typed (like Django's {@code normalize_email}). */
    static String normalize(String email) {
        int at = email.lastIndexOf('@');
        return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
