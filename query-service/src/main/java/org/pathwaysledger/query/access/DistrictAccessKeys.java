package org.pathwaysledger.query.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.infrastructure.web.DistrictKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Student-level answers ({@code /api/v1/districts/{districtId}/...}) for the district's own staff only: when
 * {@code pathways.query.district-access-keys} names keys ({@code DISTRICT=key,DISTRICT=key}, env
 * PATHWAYS_QUERY_DISTRICT_ACCESS_KEYS), each such request must carry its district's key in {@code X-District-Key}.
 * Without the setting every district is open, as a service behind the region's own gateway would be.
 */
@Configuration
public class DistrictAccessKeys implements WebMvcConfigurer, HandlerInterceptor {

    public static final String HEADER = DistrictKeys.HEADER;
    private static final Pattern DISTRICT_PATH = Pattern.compile("^/api/v1/districts/([^/]+)(/.*)?$");

    private final DistrictKeys keys;

    public DistrictAccessKeys(@Value("${pathways.query.district-access-keys:}") String configured) {
        this.keys = new DistrictKeys("pathways.query.district-access-keys", configured);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/districts/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!keys.enabled() || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        // The handler's own (decoded) district, so an encoded or decorated path names the district it reads; a path
        // without a handler variable is checked by its raw text (an unknown district has no key: refused).
        Object district = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                ? variables.get("districtId") : null;
        Matcher matcher = DISTRICT_PATH.matcher(request.getRequestURI());
        if (district instanceof String decoded) {
            keys.check(decoded, request.getHeader(HEADER));
        } else if (matcher.matches()) {
            keys.check(matcher.group(1), request.getHeader(HEADER));
        }
        return true;
    }
}
