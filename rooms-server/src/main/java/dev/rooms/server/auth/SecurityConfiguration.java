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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Stateless token security: no sessions, no CSRF (nothing rides on cookies), no login page or basic auth.
 * Everything needs an access token except registration, login, token refresh, the WebSocket endpoint (which
 * authenticates its own handshake; its upgrades do not even pass this chain, see {@code live.ChatUpgradeFilter}),
 * the health probes, the API documents, the management port's actuator, and the browser client's page and
 * files ({@code /}, {@code /app/}), which hold no data: the page signs in through the API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenService tokens,
                                    TokenAuthenticationEntryPoint entryPoint, JsonErrorWriter writer, Environment environment) {
        // What the API needs and no more, since every request passes each filter: the token, the 401/403 answers,
        // the authorization rules and the security headers. No session in any form (no session management,
        // no session-backed security context, no URL rewriting), no request cache (a 401 creates no session),
        // no anonymous principal (the authorization rules see "no authentication" and the entry point answers
        // 401), no servlet-API wrapper (nothing asks the request for its principal): measured in README-bench.
        http.setSharedObject(RequestCache.class, new NullRequestCache());
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> writer.writeDetail(response,
                                HttpServletResponse.SC_FORBIDDEN, "You do not have permission to perform this action.")))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
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
                .addFilterBefore(new BearerTokenFilter(tokens), ExceptionTranslationFilter.class)
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

    /** The chain's response headers, for the chat socket's upgrade, which does not pass the chain. */
    @Bean
    SecurityHeaders securityHeaders(SecurityFilterChain apiSecurity) {
        return new SecurityHeaders(apiSecurity);
    }

    /** Spring Security's strict firewall as it is, with its header checks written without regular expressions. */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        return firewall;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Sha256BcryptPasswordEncoder();
    }
}
