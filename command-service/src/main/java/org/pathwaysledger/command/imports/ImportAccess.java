package org.pathwaysledger.command.imports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.infrastructure.web.DistrictKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A district's imports (their history, status and error reports, which quote the district's rows, and new
 * submissions) for the district's own staff only, when district access keys are configured:
 * {@code pathways.command.district-access-keys}, by default the query service's setting
 * ({@code pathways.query.district-access-keys}, env PATHWAYS_QUERY_DISTRICT_ACCESS_KEYS), so one key opens a district's
 * views on both services. An import's own URL is checked against the district that submitted it.
 */
@Configuration
public class ImportAccess implements WebMvcConfigurer, HandlerInterceptor {

    private static final Pattern DISTRICT_IMPORTS = Pattern.compile("^/api/v1/districts/([^/]+)/imports/?$");
    private static final Pattern ONE_IMPORT = Pattern.compile("^/api/v1/imports/([^/]+)(/errors\\.csv)?$");

    private final DistrictKeys keys;
    private final ImportRepository repository;

    public ImportAccess(@Value("${pathways.command.district-access-keys:${pathways.query.district-access-keys:}}") String configured,
                        ImportRepository repository) {
        this.keys = new DistrictKeys("pathways.command.district-access-keys", configured);
        this.repository = repository;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/districts/*/imports", "/api/v1/imports/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!keys.enabled() || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        String key = request.getHeader(DistrictKeys.HEADER);
        Matcher district = DISTRICT_IMPORTS.matcher(request.getRequestURI());
        if (district.matches()) {
            keys.check(district.group(1), key);
            return true;
        }
        Matcher one = ONE_IMPORT.matcher(request.getRequestURI());
        if (one.matches()) {
            // An unknown id goes on to the controller's 404: it reveals nothing.
            repository.status(one.group(1)).ifPresent(status -> keys.check(status.districtId(), key));
        }
        return true;
    }
}
