package org.pathwaysledger.query.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web UI is served by the analytics service (another origin) and calls this service from the browser: allow its
 * origin. Default: any local origin (the all-in-one platform); a deployment names its UI's origin in
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
        registry.addMapping("/api/**")
                .allowedOriginPatterns(allowedOrigins)
                .allowedMethods("GET", "HEAD")
                .allowedHeaders("Content-Type", "X-District-Key")
                .exposedHeaders("Content-Disposition", "Location")
                .maxAge(600);
    }
}
