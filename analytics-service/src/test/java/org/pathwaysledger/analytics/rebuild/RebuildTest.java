package org.pathwaysledger.analytics.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.analytics.AnalyticsServiceRunning;
import org.pathwaysledger.analytics.SyntheticLedger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics read model is rebuilt from the topics while the current one keeps answering; the rebuild reports
 * its progress, switches when caught up, gives the same answers afterwards, retires the old copy, and new events
 * keep flowing into the new copy.
 */
class RebuildTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static AnalyticsServiceRunning service;
    static SyntheticLedger ledger;
    static int events;

    @BeforeAll
    static void publishARegion() throws Exception {
        service = AnalyticsServiceRunning.start();
        ledger = new SyntheticLedger("REB", 7);
        events = ledger.generate(300);
        ledger.publish(service.bootstrapServers());
        service.awaitApplied(ledger.prefix, events);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_rebuild_serves_the_old_copy_meanwhile_reports_progress_switches_and_answers_the_same() throws Exception {
        List<String> questions = List.of(
                "/api/v1/metrics/pathway-entry?region=" + ledger.region,
                "/api/v1/metrics/concentrator-rate?region=" + ledger.region,
                "/api/v1/metrics/early-college-credit?pathway=" + ledger.pathways.get(0) + "&district=" + ledger.districts.get(0),
                "/api/v1/metrics/perkins-5s2?sector=" + ledger.sector.replace(" ", "%20"),
                "/api/v1/metrics/completion-rate?region=" + ledger.region + "&asOf=2099-01-01",
                "/api/v1/metrics/wbl-participation?region=" + ledger.region + "&intersect=SEX*ENGLISH_LEARNER");
        List<JsonNode> before = answers(questions);
        assertThat(before.get(0).path("entrants").path("count").asLong()).isGreaterThan(100);

        // Not projections: what the BI views last published must survive the switch, and stay visible through them.
        service.jdbc().sql("insert into analytics.published_refresh (region_id, refreshed_at, cells, millis) values ('REB-MARK', now(), 7, 1)").update();

        HttpResponse<String> started = post("/api/v1/admin/rebuilds");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode rebuild = JSON.readTree(started.body());
        String id = rebuild.get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/admin/rebuilds/" + id);
        assertThat(rebuild.get("schema").asText()).matches("analytics_v[0-9]+");
        String schema = rebuild.get("schema").asText();

        HttpResponse<String> second = post("/api/v1/admin/rebuilds");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

        Set<String> statesSeen = new LinkedHashSet<>();
        JsonNode progress;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        do {
            // Meanwhile the current read model answers, and the same.
            assertThat(answers(questions.subList(0, 2))).isEqualTo(before.subList(0, 2));
            progress = JSON.readTree(get("/api/v1/admin/rebuilds/" + id).body());
            statesSeen.add(progress.get("state").asText());
            assertThat(progress.get("state").asText()).isNotEqualTo("FAILED");
            assertThat(System.nanoTime()).as("rebuild finished in time: " + progress).isLessThan(deadline);
        } while (!progress.get("state").asText().equals("SWITCHED"));

        assertThat(statesSeen).contains("BUILDING");
        assertThat(progress.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(events);
        assertThat(progress.get("lag").asLong()).isZero();
        assertThat(progress.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(progress.get("switchedAt").isNull()).isFalse();
        assertThat(progress.get("retiredSchemaDropped").asBoolean()).as(progress.toString()).isTrue();
        assertThat(service.jdbc().sql("select count(*) from pg_namespace where nspname in (:old, :built)")
                .param("old", progress.get("retiredSchema").asText()).param("built", schema).query(Long.class).single()).isZero();

        // The BI views were re-pointed at the new copy (else the old one could not have been dropped), with the rows carried over.
        assertThat(service.jdbc().sql("select cells from analytics_bi.refresh where region_id = 'REB-MARK'").query(Integer.class).single()).isEqualTo(7);

        // Same answers from the rebuilt copy: pre-aggregated, as-of and intersections alike.
        assertThat(answers(questions)).isEqualTo(before);

        // The serving consumer now feeds the new copy.
        SyntheticLedger later = new SyntheticLedger("REB-LATER", 8);
        int laterEvents = later.generate(40);
        later.publish(service.bootstrapServers());
        service.awaitApplied(later.prefix, laterEvents);
        JsonNode laterAnswer = JSON.readTree(get("/api/v1/metrics/pathway-entry?region=" + later.region).body());
        assertThat(laterAnswer.path("entrants").path("count").asLong()).isGreaterThan(10);

        assertThat(get("/api/v1/admin/rebuilds/" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12)).statusCode()).isEqualTo(404);
    }

    private static List<JsonNode> answers(List<String> questions) throws Exception {
        List<JsonNode> answers = new ArrayList<>();
        for (String question : questions) {
            HttpResponse<String> response = get(question);
            assertThat(response.statusCode()).as(question + ": " + response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            // Freshness says when the answer was made; the rest must not change.
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("freshness");
            answers.add(body);
        }
        return answers;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
