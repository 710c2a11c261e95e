package org.pathwaysledger.infrastructure.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Each district's access key, for the services' student-level answers ({@code DISTRICT=key,DISTRICT=key}). When no key
 * is configured every district is open, as a service behind the region's own gateway would be; when any is, a request
 * for a district's data must carry that district's key in {@value #HEADER}. Keys are compared in constant time.
 */
public final class DistrictKeys {

    public static final String HEADER = "X-District-Key";

    private final String setting;
    private final Map<String, byte[]> keys = new HashMap<>();

    public DistrictKeys(String setting, String configured) {
        this.setting = setting;
        for (String entry : (configured == null ? "" : configured).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException(setting + ": '" + entry.trim() + "' is not DISTRICT=key");
            }
            keys.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim().getBytes(StandardCharsets.UTF_8));
        }
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** Refuses the request unless keys are off or {@code given} is the district's key. */
    public void check(String district, String given) {
        if (keys.isEmpty()) {
            return;
        }
        byte[] expected = keys.get(district);
        if (expected == null) {
            throw new DistrictAccessDenied(false, "District " + district + " has no access key on this service; the region's administrator adds it to " + setting);
        }
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new DistrictAccessDenied(true, "Student-level data of district " + district + " needs the district's access key in the "
                    + HEADER + " header" + (given == null ? "" : "; the key sent is not this district's"));
        }
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
