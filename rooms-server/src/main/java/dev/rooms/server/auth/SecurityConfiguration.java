package dev.rooms.server.auth;

import dev.rooms.server.system.JsonErrorWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless token security: no sessions, no CSRF (nothing rides on cookies), no login page or basic auth.
 * Everything needs an access token except registration, login, token refresh, the WebSocket endpoint (which
 * authenticates its own handshake), the health probes, the API documents, the management port's actuator, and
 * the browser client's page and files ({@code /}, {@code /app/}), which hold no data: the page signs in through
 * the API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenService tokens,
                                    TokenAuthenticationEntryPoint entryPoint, JsonErrorWriter writer, Environment environment) {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> writer.writeDetail(response,
                                HttpServletResponse.SC_FORBIDDEN, "You do not have permission to perform this action.")))
                .authorizeHttpRequests(requests -> requests
                        // An ASYNC dispatch only finishes a response (a streamed history) whose REQUEST dispatch
                        // was authorized; the bearer token is not read again for it.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/auth/register/", "/auth/login/", "/auth/token/refresh/", "/ws/**", "/error")
                        .permitAll()
                        .requestMatchers("/", "/app/**").permitAll()
                        // Load balancers' probes and the public API documents (operations package).
                        .requestMatchers("/livez", "/readyz", "/api/schema/**", "/api/docs/**", "/api/asyncapi/**",
                                "/swagger-ui/**")
                        .permitAll()
                        // Actuator on the management port (loopback by default) only: never public on the API port.
                        .requestMatchers(request -> onManagementPort(request, environment)).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .build();
    }

    /** Whether the request came in on the management port (a port of its own, not the API's). */
    private static boolean onManagementPort(HttpServletRequest request, Environment environment) {
        if (!request.getRequestURI().startsWith("/actuator/")) {
            return false;
        }
        String apiPort = environment.getProperty("local.server.port");
        return apiPort != null && request.getLocalPort() != Integer.parseInt(apiPort);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Sha256BcryptPasswordEncoder();
    }
}
