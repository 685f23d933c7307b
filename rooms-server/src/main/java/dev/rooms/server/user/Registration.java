package dev.rooms.server.user;

import dev.rooms.server.system.JsonFields;

/**
 * A register request's fields, trimmed; a field is null where the body had no usable value (the reason is then
 * already among the binding's field errors).
 */
public record Registration(String email, String name, String password) {

    /** Reads the fields of a {@code POST /auth/register/} body, recording what is missing or malformed. */
    public static Registration bind(JsonFields body) {
        return new Registration(
                body.text("email", true, false, EmailAddresses.MAX_LENGTH),
                body.text("name", true, false, UserService.MAX_NAME_LENGTH),
                body.secret("password"));
    }
}
