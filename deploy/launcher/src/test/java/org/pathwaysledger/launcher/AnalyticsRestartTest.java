package org.pathwaysledger.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.enrollment;
import static org.pathwaysledger.launcher.Api.registration;

/** The analytics service stops in the middle of a stream of enrolments and starts again: the counts are exact. */
class AnalyticsRestartTest {

    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Platform.Ports.random());
        Api.region(platform.commandUrl(), "E2E-RESTART-REGION", java.util.List.of("E2E-RESTART"), java.util.List.of("E2E-MANUFACTURING"));
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @Test
    void counts_are_exact_after_the_analytics_service_is_stopped_mid_stream_and_restarted() {
        String district = "E2E-RESTART";
        String pathway = "E2E-MANUFACTURING";
        int students = 60;
        for (int i = 1; i <= students; i++) {
            assertThat(Api.put(platform.commandUrl() + "/api/v1/districts/" + district + "/students/S" + i,
                    registration(i % 2 == 0 ? "F" : "M", i % 3 == 0, "WHITE", false, "2025-08-01")).status()).isEqualTo(202);
        }
        AtomicInteger enrolled = new AtomicInteger();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= students; i++) {
                String url = platform.commandUrl() + "/api/v1/districts/" + district + "/students/S" + i + "/pathway-enrollments";
                if (Api.post(url, enrollment(pathway, "2025-08-20")).status() == 202) {
                    enrolled.incrementAndGet();
                }
            }
        });
        Api.await(() -> new Api.Answer(200, "", null), answer -> enrolled.get() >= students / 3, "a third of the enrolments");

        platform.stopAnalytics();
        stream.join();
        platform.restartAnalytics();

        var metric = Api.await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=" + pathway),
                answer -> answer.body().path("entrants").path("count").asLong() >= students, "all entrants").body();
        Api.await(() -> Api.get(platform.analyticsUrl() + "/api/v1/freshness"), answer -> answer.body().get("lag").asLong() == 0, "no lag");
        metric = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=" + pathway).body();

        assertThat(enrolled.get()).isEqualTo(students);
        assertThat(metric.get("entrants").get("count").asLong()).isEqualTo(students);
        assertThat(Api.cell(metric, "SEX", "F").get("count").asLong()).isEqualTo(30);
        assertThat(Api.cell(metric, "SEX", "M").get("count").asLong()).isEqualTo(30);
        assertThat(Api.cell(metric, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("count").asLong()).isEqualTo(20);
        assertThat(Api.cell(metric, "RACE_ETHNICITY", "WHITE").get("count").asLong()).isEqualTo(40);
    }
}
