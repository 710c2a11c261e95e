package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.cell;
import static org.pathwaysledger.launcher.Api.enrollment;
import static org.pathwaysledger.launcher.Api.registration;

/**
 * The whole spine on real PostgreSQL and Kafka: district requests to the command service, events through Kafka,
 * journeys from the query service and suppressed metrics from the analytics service.
 */
class EndToEndTest {

    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Platform.Ports.random());
        Api.region(platform.commandUrl(), "E2E-REGION", List.of("E2E-SUPPRESS", "E2E-ASOF", "E2E-OWN", "E2E-KNOWN"), List.of("E2E-HEALTH", "E2E-ICT"));
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    static String student(String district, String student) {
        return platform.commandUrl() + "/api/v1/districts/" + district + "/students/" + student;
    }

    @Test
    void entrants_are_counted_by_subgroup_once_each_with_small_groups_suppressed() {
        String district = "E2E-SUPPRESS";
        String pathway = "E2E-HEALTH";
        List<String> students = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            students.add("H" + i);
            assertThat(Api.put(student(district, "H" + i), registration("F", true, "WHITE", false, "2025-08-15")).status()).isEqualTo(202);
        }
        for (int i = 1; i <= 3; i++) {
            students.add("A" + i);
            assertThat(Api.put(student(district, "A" + i), registration("M", false, "ASIAN", true, "2025-08-15")).status()).isEqualTo(202);
        }
        for (String id : students) {
            Api.Answer enrolled = Api.post(student(district, id) + "/pathway-enrollments", enrollment(pathway, "2025-08-20"));
            assertThat(enrolled.status()).isEqualTo(202);
            assertThat(enrolled.body().get("recorded").asBoolean()).isTrue();
        }
        Api.Answer again = Api.post(student(district, "H1") + "/pathway-enrollments", enrollment(pathway, "2025-08-21"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("recorded").asBoolean()).isFalse();

        JsonNode metric = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=" + pathway),
                answer -> answer.body().path("entrants").path("count").asLong() == 15, "15 entrants").body();

        assertThat(metric.get("minimumCellSize").asInt()).isEqualTo(10);
        assertThat(cell(metric, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("count").asLong()).isEqualTo(12);
        JsonNode asian = cell(metric, "RACE_ETHNICITY", "ASIAN");
        assertThat(asian.get("suppressed").asBoolean()).isTrue();
        assertThat(asian.get("count").isNull()).isTrue();
        assertThat(asian.get("reason").asText()).isEqualTo("BELOW_MINIMUM");
        assertThat(cell(metric, "SEX", "F").get("count").asLong()).isEqualTo(12);
        assertThat(cell(metric, "SEX", "M").get("suppressed").asBoolean()).isTrue();
        // 3 English learners are hidden; the 12 others would reveal them by subtraction from 15, so they are hidden too.
        assertThat(cell(metric, "ENGLISH_LEARNER", "Y").get("reason").asText()).isEqualTo("BELOW_MINIMUM");
        assertThat(cell(metric, "ENGLISH_LEARNER", "N").get("reason").asText()).isEqualTo("COMPLEMENTARY");
        assertThat(cell(metric, "ENGLISH_LEARNER", "N").get("count").isNull()).isTrue();
        // All 15 are economically disadvantaged: the empty "N" group is below 10, so "Y" would reveal it; both hidden.
        assertThat(cell(metric, "ECONOMICALLY_DISADVANTAGED", "N").get("reason").asText()).isEqualTo("BELOW_MINIMUM");
        assertThat(cell(metric, "ECONOMICALLY_DISADVANTAGED", "Y").get("reason").asText()).isEqualTo("COMPLEMENTARY");
        assertThat(metric.toString()).doesNotContain("\"count\":3");

        JsonNode journey = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + district + "/students/H1"),
                answer -> answer.status() == 200 && answer.body().get("timeline").size() == 2, "H1's journey").body();
        assertThat(journey.get("pathways")).hasSize(1);
        assertThat(journey.get("pathways").get(0).get("pathwayId").asText()).isEqualTo(pathway);
        assertThat(journey.get("pathways").get(0).get("entryDate").asText()).isEqualTo("2025-08-20");
        assertThat(journey.get("timeline").get(0).get("type").asText()).isEqualTo("StudentRegistered");
        assertThat(journey.get("timeline").get(1).get("type").asText()).isEqualTo("StudentEnrolledInPathway");
    }

    @Test
    void entrants_are_counted_with_the_demographics_they_had_on_the_day_of_entry() {
        String district = "E2E-ASOF";
        String pathway = "E2E-ICT";
        for (int i = 1; i <= 22; i++) {
            boolean englishLearnerAtEntry = i <= 12;
            Api.put(student(district, "S" + i), registration("F", true, "", englishLearnerAtEntry, "2025-08-01"));
            Api.post(student(district, "S" + i) + "/pathway-enrollments", enrollment(pathway, "2025-09-02"));
        }
        // In January the 12 English learners are reclassified fluent: a change, effective after their entry.
        for (int i = 1; i <= 12; i++) {
            Api.Answer changed = Api.put(student(district, "S" + i), registration("F", true, "", false, "2026-01-10"));
            assertThat(changed.body().get("recorded").asBoolean()).isTrue();
        }

        await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + district + "/students/S12"),
                answer -> answer.status() == 200 && !answer.body().get("current").get("demographics").get("englishLearner").asBoolean(),
                "S12 reclassified in the journey view");
        JsonNode metric = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=" + pathway + "&district=" + district),
                answer -> answer.body().path("entrants").path("count").asLong() == 22, "22 entrants").body();
        Api.await(() -> Api.get(platform.analyticsUrl() + "/api/v1/freshness"), answer -> answer.body().get("lag").asLong() == 0, "no lag");
        metric = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=" + pathway + "&district=" + district).body();

        assertThat(cell(metric, "ENGLISH_LEARNER", "Y").get("count").asLong()).isEqualTo(12);
        assertThat(cell(metric, "ENGLISH_LEARNER", "N").get("count").asLong()).isEqualTo(10);
        assertThat(cell(metric, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("count").asLong()).isEqualTo(22);
        JsonNode journey = Api.get(platform.queryUrl() + "/api/v1/districts/" + district + "/students/S1").body();
        assertThat(journey.get("timeline")).extracting(step -> step.get("type").asText())
                .containsExactly("StudentRegistered", "StudentEnrolledInPathway", "StudentDetailsChanged");
    }

    @Test
    void an_as_of_query_answers_with_what_was_known_before_and_after_a_correction() throws Exception {
        String district = "E2E-KNOWN";
        String metricUrl = platform.analyticsUrl() + "/api/v1/metrics/pathway-entry?pathway=E2E-ICT&district=" + district;
        for (int i = 1; i <= 22; i++) {
            Api.put(student(district, "S" + i), registration("M", i <= 12, "WHITE", false, "2025-08-01"));
            Api.post(student(district, "S" + i) + "/pathway-enrollments", enrollment("E2E-ICT", "2025-09-02"));
        }
        await(() -> Api.get(metricUrl), answer -> answer.body().path("entrants").path("count").asLong() == 22, "22 entrants");
        Api.await(() -> Api.get(platform.analyticsUrl() + "/api/v1/freshness"), answer -> answer.body().get("lag").asLong() == 0, "no lag");
        java.time.Instant beforeCorrection = java.time.Instant.now();
        Thread.sleep(1_100);

        // The 12 were never Hispanic: the district corrects the record for the same date (a FERPA amendment).
        for (int i = 1; i <= 12; i++) {
            String corrected = registration("M", false, "WHITE", false, "2025-08-01").replace("}", ", \"reason\": \"Ethnicity misreported by the SIS\"}");
            assertThat(Api.post(student(district, "S" + i) + "/corrections", corrected).body().get("recorded").asBoolean()).isTrue();
        }

        JsonNode now = await(() -> Api.get(metricUrl), answer -> cell(answer.body(), "RACE_ETHNICITY", "WHITE").path("count").asLong() == 22,
                "corrections applied").body();
        JsonNode before = Api.get(metricUrl + "&asOf=" + beforeCorrection).body();

        assertThat(cell(now, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(before, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("count").asLong()).isEqualTo(12);
        assertThat(cell(before, "RACE_ETHNICITY", "WHITE").get("count").asLong()).isEqualTo(10);
        assertThat(before.get("asOf").asText()).isEqualTo(beforeCorrection.toString());
        // Their entry date is 2025-09-02, but the ledger learned of them today: as of a year ago it knew no one.
        assertThat(Api.get(metricUrl + "&asOf=2025-12-31").body().get("entrants").get("reason").asText()).isEqualTo("TOTAL_BELOW_MINIMUM");
        assertThat(Api.get(metricUrl + "&asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void a_student_of_another_district_or_an_unknown_student_is_not_shown() {
        Api.put(student("E2E-OWN", "S1"), registration("M", false, "BLACK", false, "2025-08-01"));
        await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/E2E-OWN/students/S1"), answer -> answer.status() == 200, "S1 known");

        Api.Answer otherDistrict = Api.get(platform.queryUrl() + "/api/v1/districts/E2E-OTHER/students/S1");
        assertThat(otherDistrict.status()).isEqualTo(404);
        assertThat(otherDistrict.contentType()).startsWith("application/problem+json");
        assertThat(otherDistrict.body().get("detail").asText()).contains("E2E-OTHER/S1 is not known");
    }

    @Test
    void a_metric_request_without_a_pathway_is_answered_with_a_clear_error() {
        Api.Answer answer = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-entry");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asText()).isEqualTo("pathway: is required, or ask for a sector (?sector=...) or a whole region (?region=...)");
    }
}
