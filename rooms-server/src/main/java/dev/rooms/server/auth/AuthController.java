package dev.rooms.server.auth;

import java.util.Map;
import java.util.OptionalLong;

import dev.rooms.server.ratelimit.LoginThrottle;
import dev.rooms.server.system.JsonErrorWriter;
import dev.rooms.server.system.JsonFields;
import dev.rooms.server.system.ValidationException;
import dev.rooms.server.user.ProfileResponse;
import dev.rooms.server.user.Registration;
import dev.rooms.server.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/auth")
class AuthController {

    private final UserService users;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final JsonErrorWriter errors;

    AuthController(UserService users, TokenService tokens, LoginThrottle throttle, JsonErrorWriter errors) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.errors = errors;
    }

    @PostMapping("/register/")
    ResponseEntity<ProfileResponse> register(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        Registration registration = Registration.bind(fields);
        return ResponseEntity.status(HttpStatus.CREATED).body(users.register(registration, fields.errors()));
    }

    @PostMapping("/login/")
    TokenPair login(@RequestBody(required = false) JsonNode body, HttpServletRequest request,
                    HttpServletResponse response) {
        JsonFields fields = JsonFields.of(body);
        String email = fields.text("email", true, false, Integer.MAX_VALUE);
        String password = fields.secret("password");
        fields.throwIfInvalid();
        LoginThrottle.Attempt attempt = throttle.attempt(email, request, response);
        OptionalLong userId = users.authenticate(email, password);
        if (userId.isEmpty()) {
            throw new LoginFailedException();
        }
        attempt.succeeded();
        return tokens.issueTokens(userId.getAsLong());
    }

    @PostMapping("/token/refresh/")
    Map<String, String> refresh(@RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String refresh = fields.secret("refresh");
        fields.throwIfInvalid();
        return Map.of("access", tokens.refreshAccessToken(refresh));
    }

    /** Logging out is the client forgetting its tokens; a refresh token sent along is revoked for good. */
    @PostMapping("/logout/")
    Map<String, String> logout(@AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        if (fields.has("refresh")) {
            String refresh = fields.secret("refresh");
            fields.throwIfInvalid();
            try {
                tokens.revokeRefreshToken(refresh, userId);
            } catch (InvalidTokenException e) {
                throw ValidationException.of("refresh", e.getMessage());
            }
        }
        return Map.of("message", "Successfully logged out");
    }

    @ExceptionHandler(InvalidTokenException.class)
    ResponseEntity<Object> invalidToken(InvalidTokenException e) {
        return unauthorized(JsonErrorWriter.detailBody(e.getMessage(), e.code()));
    }

    @ExceptionHandler(LoginFailedException.class)
    ResponseEntity<Object> loginFailed(LoginFailedException e) {
        return unauthorized(JsonErrorWriter.detailBody(e.getMessage()));
    }

    private ResponseEntity<Object> unauthorized(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, TokenAuthenticationEntryPoint.WWW_AUTHENTICATE);
        return errors.respond(HttpStatus.UNAUTHORIZED, headers, body);
    }

    /** Wrong password and unknown email are the same failure, so the answer does not reveal which accounts exist. */
    static final class LoginFailedException extends RuntimeException {

        LoginFailedException() {
            super("No active account found with the given credentials");
        }
    }
}
