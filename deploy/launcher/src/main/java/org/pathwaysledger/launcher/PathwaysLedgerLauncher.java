package org.pathwaysledger.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The all-in-one local platform: PostgreSQL and Kafka (configured, or embedded), the three services, and the
 * synthetic demo region. Options: {@code --no-demo}, {@code --demo-students=N} (default 400).
 * Ports: PATHWAYS_COMMAND_PORT (8081), PATHWAYS_QUERY_PORT (8082), PATHWAYS_ANALYTICS_PORT (8083).
 */
public final class PathwaysLedgerLauncher {

    private PathwaysLedgerLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean demo = true;
        int demoStudents = 400;
        for (String arg : args) {
            if (arg.equals("--no-demo")) {
                demo = false;
            } else if (arg.startsWith("--demo-students=")) {
                demoStudents = Integer.parseInt(arg.substring("--demo-students=".length()));
            } else {
                System.err.println("Unknown option " + arg + "; use --no-demo or --demo-students=N");
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        Platform platform;
        // Student-level district views need the district's key: the demo districts get fresh ones, printed below,
        // unless the region configured its own (PATHWAYS_QUERY_DISTRICT_ACCESS_KEYS).
        String configuredKeys = System.getenv("PATHWAYS_QUERY_DISTRICT_ACCESS_KEYS");
        Map<String, Object> properties = new LinkedHashMap<>();
        String demoKeys = null;
        if (demo && (configuredKeys == null || configuredKeys.isBlank())) {
            demoKeys = demoDistrictKeys();
            properties.put("pathways.query.district-access-keys", demoKeys);
        }
        try {
            platform = Platform.start(new Platform.Ports(port("PATHWAYS_COMMAND_PORT", 8081),
                    port("PATHWAYS_QUERY_PORT", 8082), port("PATHWAYS_ANALYTICS_PORT", 8083)), properties);
        } catch (RuntimeException e) {
            System.err.println("The platform could not start: " + e.getMessage());
            // Axon processor threads of a half-started context would keep the JVM alive.
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "pathways-stop"));
        long upMillis = (System.nanoTime() - started) / 1_000_000;
        String loaded = "";
        if (demo) {
            // The demo's SIS writes carry each district's key, as a district's own client would.
            DemoRegion.Loaded result = new DemoRegion(platform.commandUrl(),
                    DemoRegion.parseKeys(demoKeys != null ? demoKeys : commandKeys(configuredKeys))).load(demoStudents);
            awaitAnalytics(platform.analyticsUrl());
            warmUp(platform.analyticsUrl());
            loaded = String.format("%n Demo region loaded: %d students in %s, %d pathway enrolments (%d refused).",
                    result.students(), String.join(", ", DemoRegion.DISTRICTS), result.enrollments(), result.rejected());
        }
        String pathway = DemoRegion.PATHWAYS.get(0);
        System.out.printf("""

                ================================================================================
                 Pathways Ledger is running (services up in %.1f s, ready in %.1f s)%s

                 Command service   %s   (register, enrol: PUT/POST /api/v1/districts/...)
                 Query service     %s   (journeys: GET /api/v1/districts/{d}/students/{s})
                 Analytics service %s   (metrics, suppressed)
                 BI tools (SQL)    %s   user pathways_bi, schema analytics_bi, read-only, suppressed
                                   (%s)

                 Web UI            %s  (region overview, equity view, program finder, district views)%s

                 Try:
                   curl '%s/api/v1/metrics/pathway-entry?pathway=%s'
                   curl %s/api/v1/districts/DEMO-USD-NORTH/students/S00001%s
                 Stop with Ctrl-C.
                ================================================================================
                %n""", upMillis / 1000.0, (System.nanoTime() - started) / 1e9, loaded,
                platform.commandUrl(), platform.queryUrl(), platform.analyticsUrl(),
                org.pathwaysledger.analytics.bi.BiRole.jdbcUrlForBi(org.pathwaysledger.infrastructure.PlatformInfrastructure.postgres().jdbcUrl()),
                System.getenv("PATHWAYS_BI_PASSWORD") == null || System.getenv("PATHWAYS_BI_PASSWORD").isBlank()
                        ? "login disabled: start with PATHWAYS_BI_PASSWORD=... to open it" : "password: PATHWAYS_BI_PASSWORD",
                platform.webUiUrl(),
                demoKeys == null ? "" : "\n                   district access keys (district views, student-level reads, SIS writes, imports; header X-District-Key):\n                   "
                        + demoKeys.replace(",", "\n                   "),
                platform.analyticsUrl(), pathway, platform.queryUrl(),
                demoKeys == null ? "" : " -H 'X-District-Key: " + demoKeys.split(",")[0].split("=")[1] + "'");
        Thread.currentThread().join();
    }

    /** Waits (at most a minute) until the analytics read model has applied everything on the topic. */
    private static void awaitAnalytics(String analyticsUrl) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(analyticsUrl + "/api/v1/freshness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"lag\":0") && !body.contains("\"lastEventOccurredAt\":null")) {
                    return;
                }
            } catch (java.io.IOException ignored) {
                // Not answering yet: try again.
            }
            Thread.sleep(250);
        }
    }

    /**
     * Asks the region overview's questions once before announcing the platform ready, so the first person to open
     * the web UI does not pay for the JVM's first compilation of the metric paths (about 0.6 s of the first view).
     */
    private static void warmUp(String analyticsUrl) {
        HttpClient http = HttpClient.newHttpClient();
        String region = "region=" + DemoRegion.REGION;
        StringBuilder levels = new StringBuilder();
        DemoRegion.PATHWAYS.forEach(pathway -> levels.append("&pathway=").append(pathway));
        for (String path : java.util.List.of("/api/v1/metrics/pathway-entry?" + region, "/api/v1/cohorts/funnel?" + region,
                "/api/v1/cohorts/trend?metric=concentrator-rate&" + region, "/api/v1/overview?" + region + levels, "/api/v1/metrics")) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(analyticsUrl + path)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The command service's keys: its own setting when the region set one, else the query service's. */
    private static String commandKeys(String queryKeys) {
        String own = System.getenv("PATHWAYS_COMMAND_DISTRICT_ACCESS_KEYS");
        return own == null || own.isBlank() ? queryKeys : own;
    }

    /** One random key per demo district, {@code DISTRICT=key,...}: new at every start, so none is ever written down. */
    private static String demoDistrictKeys() {
        SecureRandom random = new SecureRandom();
        StringBuilder keys = new StringBuilder();
        for (String district : DemoRegion.DISTRICTS) {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            keys.append(keys.isEmpty() ? "" : ",").append(district).append('=').append(HexFormat.of().formatHex(bytes));
        }
        return keys.toString();
    }

    private static int port(String variable, int defaultPort) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
    }
}
