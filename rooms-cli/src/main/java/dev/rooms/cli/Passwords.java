package dev.rooms.cli;

import java.util.Arrays;

/** Where {@code login} and {@code register} get the password from: standard input or a prompt without echo. */
final class Passwords {

    private Passwords() {
    }

    static String read(Invocation invocation, boolean fromStdin, boolean confirm) {
        if (fromStdin) {
            String line = invocation.readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--password-stdin: standard input has no password");
            }
            return line;
        }
        char[] password = invocation.promptPassword("Password: ", "--password-stdin");
        try {
            if (confirm) {
                char[] again = invocation.promptPassword("Repeat password: ", "--password-stdin");
                boolean same = Arrays.equals(password, again);
                Arrays.fill(again, '\0');
                if (!same) {
                    throw new CliException(ExitCodes.USAGE, "the passwords do not match");
                }
            }
            return new String(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
