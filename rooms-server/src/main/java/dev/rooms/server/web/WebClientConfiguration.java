package dev.rooms.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the browser client's scripts, styles and images under {@code /app/}. Spring Boot's catch-all static
 * mapping stays off ({@code spring.web.resources.add-mappings=false}), so every other unknown URL still reaches
 * the JSON 404; a missing file under {@code /app/} is that same JSON 404.
 */
@Configuration(proxyBeanMethods = false)
class WebClientConfiguration implements WebMvcConfigurer {

    private static final String ASSETS = "classpath:/web/app/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/**").addResourceLocations(ASSETS);
    }
}
