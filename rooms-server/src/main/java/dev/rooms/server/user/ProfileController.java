package dev.rooms.server.user;

import dev.rooms.server.system.JsonFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/auth/profile/")
class ProfileController {

    private final UserService users;

    ProfileController(UserService users) {
        this.users = users;
    }

    @GetMapping
    ProfileResponse profile(@AuthenticationPrincipal Long userId) {
        return users.profile(userId);
    }

    /** Changes the fields sent; {@code id}, {@code date_joined} and {@code password} are read-only and ignored. */
    @PatchMapping
    ProfileResponse updateProfile(@AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        return change(userId, body, false);
    }

    /** Like PATCH, but name and email are both required. */
    @PutMapping
    ProfileResponse replaceProfile(@AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        return change(userId, body, true);
    }

    private ProfileResponse change(long userId, JsonNode body, boolean required) {
        JsonFields fields = JsonFields.of(body);
        ProfileChange change = new ProfileChange(
                fields.text("email", required, false, EmailAddresses.MAX_LENGTH),
                fields.text("name", required, false, UserService.MAX_NAME_LENGTH));
        return users.updateProfile(userId, change, fields.errors());
    }

    @DeleteMapping
    ResponseEntity<Void> deleteAccount(@AuthenticationPrincipal Long userId) {
        users.deleteAccount(userId);
        return ResponseEntity.noContent().build();
    }
}
