package dev.rooms.server.auth;

import java.time.Clock;

import dev.rooms.server.system.RoomsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signing secrets, resolved once and checked against the other nodes of the database before use. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    SigningKeys signingKeys(TokenProperties properties, RoomsProperties rooms, SigningKeyRepository repository,
                            Clock clock) {
        String secret = properties.jwtSecret() == null || properties.jwtSecret().isBlank()
                ? JwtSecretFile.loadOrCreate(rooms.dataDir())
                : properties.jwtSecret();
        SigningKeys keys = new SigningKeys(secret, properties.jwtPreviousSecret(), properties.jwtNextSecret());
        SigningKeyAgreement.agree(keys, repository, clock);
        return keys;
    }
}
