package dev.rooms.server.user;

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

    @PatchMapping
    ProfileResponse updateProfile(@AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        return users.updateProfile(userId, body, true);
    }

    @PutMapping
    ProfileResponse replaceProfile(@AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        return users.updateProfile(userId, body, false);
    }

    @DeleteMapping
    ResponseEntity<Void> deleteAccount(@AuthenticationPrincipal Long userId) {
        users.deleteAccount(userId);
        return ResponseEntity.noContent().build();
    }
}
