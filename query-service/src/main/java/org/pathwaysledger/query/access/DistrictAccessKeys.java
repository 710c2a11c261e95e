package org.pathwaysledger.query.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
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

    public static final String HEADER = "X-District-Key";
    private static final Pattern DISTRICT_PATH = Pattern.compile("^/api/v1/districts/([^/]+)(/.*)?$");

    private final Map<String, byte[]> keys = new HashMap<>();

    public DistrictAccessKeys(@Value("${pathways.query.district-access-keys:}") String configured) {
        for (String entry : configured.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("pathways.query.district-access-keys: '" + entry.trim() + "' is not DISTRICT=key");
            }
            keys.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/districts/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (keys.isEmpty() || CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        Matcher matcher = DISTRICT_PATH.matcher(request.getRequestURI());
        if (!matcher.matches()) {
            return true;
        }
        String district = matcher.group(1);
        byte[] expected = keys.get(district);
        if (expected == null) {
            throw new DistrictAccessDenied(false, "District " + district + " has no access key on this service; the region's administrator adds it "
                    + "to pathways.query.district-access-keys");
        }
        String given = request.getHeader(HEADER);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new DistrictAccessDenied(true, "Student-level data of district " + district + " needs the district's access key in the "
                    + HEADER + " header" + (given == null ? "" : "; the key sent is not this district's"));
        }
        return true;
    }

    /** Refused: {@code unauthenticated} when the key is missing or wrong (401), otherwise forbidden (403). */
    public static class DistrictAccessDenied extends RuntimeException {

        private final boolean unauthenticated;

        public DistrictAccessDenied(boolean unauthenticated, String message) {
            super(message);
            this.unauthenticated = unauthenticated;
        }

        public boolean unauthenticated() {
            return unauthenticated;
        }
    }
}
