package org.pathwaysledger.command.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web UI is served by the analytics service (another origin) and shows a district's imports from the browser:
 * allow its origin for the import endpoints. Default: any local origin (the all-in-one platform); a deployment names its UI's origin in
 * {@code pathways.ui.allowed-origins} (env PATHWAYS_UI_ALLOWED_ORIGINS), comma-separated.
 */
@Configuration
public class WebUiCrossOrigin implements WebMvcConfigurer {

    private final String[] allowedOrigins;

    public WebUiCrossOrigin(@Value("${pathways.ui.allowed-origins:http://localhost:*,http://127.0.0.1:*}") String[] allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        // Only the imports (history, status, error reports, and a district's upload): the rest of the command API is for SIS clients.
        registry.addMapping("/api/v1/districts/*/imports")
                .allowedOriginPatterns(allowedOrigins)
                .allowedMethods("GET", "HEAD", "POST")
                .allowedHeaders("Content-Type", "X-District-Key")
                .exposedHeaders("Location")
                .maxAge(600);
        registry.addMapping("/api/v1/imports/**")
                .allowedOriginPatterns(allowedOrigins)
                .allowedMethods("GET", "HEAD")
                .allowedHeaders("X-District-Key")
                .exposedHeaders("Content-Disposition")
                .maxAge(600);
    }
}
