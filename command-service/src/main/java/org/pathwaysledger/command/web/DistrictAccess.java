package org.pathwaysledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.command.imports.ImportRepository;
import org.pathwaysledger.infrastructure.web.DistrictKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * What a district writes and reads on the command service is for the district's own staff and SIS clients only, when
 * district access keys are configured: its student writes (the REST API under {@code /api/v1/districts/{d}/students}),
 * its imports (new submissions, their history, status and error reports, which quote the district's rows).
 * {@code pathways.command.district-access-keys}, by default the query service's setting
 * ({@code pathways.query.district-access-keys}, env PATHWAYS_QUERY_DISTRICT_ACCESS_KEYS), so one key opens a district's
 * views and writes on both services. An import's own URL is checked against the district that submitted it.
 */
@Configuration
public class DistrictAccess implements WebMvcConfigurer, HandlerInterceptor {

    private final DistrictKeys keys;
    private final ImportRepository repository;

    public DistrictAccess(@Value("${pathways.command.district-access-keys:${pathways.query.district-access-keys:}}") String configured,
                          ImportRepository repository) {
        this.keys = new DistrictKeys("pathways.command.district-access-keys", configured);
        this.repository = repository;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/districts/**", "/api/v1/imports/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!keys.enabled() || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        String key = request.getHeader(DistrictKeys.HEADER);
        // The handler's own (decoded) path variables, so an encoded or decorated path cannot slip past the check.
        Map<?, ?> variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> map ? map : Map.of();
        if (variables.get("districtId") instanceof String district) {
            keys.check(district, key);
        } else if (variables.get("importId") instanceof String importId) {
            // An unknown id goes on to the controller's 404: it reveals nothing.
            repository.status(importId).ifPresent(status -> keys.check(status.districtId(), key));
        }
        return true;
    }
}
