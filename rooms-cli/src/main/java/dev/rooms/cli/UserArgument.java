package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A USER option ({@code --from}): {@code me} or a user id ({@code 42} or {@code #42}). The API has no user
 * directory, so names and email addresses cannot be looked up; the ids are in {@code --json} output
 * ({@code user.id}).
 */
record UserArgument(Long id) {

    static final UserArgument ME = new UserArgument(null);

    /** The user id; {@code me} costs one profile request. */
    long resolve(RoomsClient client) {
        return id != null ? id : client.auth().profile().id();
    }

    static final class Converter implements ITypeConverter<UserArgument> {
        @Override
        public UserArgument convert(String value) {
            String text = value.strip();
            if (text.equalsIgnoreCase("me")) {
                return ME;
            }
            String digits = text.startsWith("#") ? text.substring(1) : text;
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Long.parseLong(digits) == 0) {
                throw new TypeConversionException("'" + value + "' is not a user: use 'me' or a user id");
            }
            return new UserArgument(Long.parseLong(digits));
        }
    }
}
