package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.expectAccepted;

/**
 * Outcome rates on a small hand-made region whose right answers are worked out by hand from the definitions:
 * 30 entrants, 20 Hispanic girls and 10 White boys. 12 of the girls and 3 of the boys complete two CTE courses
 * (concentrators, Perkins V); 10 of the girls earn 3 dual-enrollment credits each.
 * <ul>
 *   <li>concentrator rate: all 15/30 = 50.0%; Hispanic 12/20 = 60.0%, gap +10.0 points, representation
 *       (12/15)/(20/30) = 1.2; White 3 concentrators is below 10: hidden, and so is its rate;</li>
 *   <li>early college credit: all 10/30 = 33.3%; Hispanic 10/20 = 50.0%, gap +16.7, representation
 *       (10/10)/(20/30) = 1.5.</li>
 * </ul>
 */
class OutcomeMetricsTest {

    static final String DISTRICT = "OUT-USD";
    static final String PATHWAY = "OUT-ICT";
    static final String WELDING = "OUT-WELD";
    static final String WELDING_DISTRICT = "OUT-WD";
    static Platform platform;

    @BeforeAll
    static void loadRegion() throws Exception {
        platform = Platform.start(Platform.Ports.random());
        String region = platform.commandUrl() + "/api/v1/regions/OUT-REGION";
        expectAccepted(Api.put(region, "{\"name\": \"Outcome region\"}"));
        expectAccepted(Api.put(region + "/members/" + DISTRICT, "{\"kind\": \"K12_DISTRICT\"}"));
        expectAccepted(Api.put(region + "/members/OUT-CC", "{\"kind\": \"COLLEGE\"}"));
        expectAccepted(Api.put(region + "/pathways/" + PATHWAY, "{\"name\": \"Software\", \"industry_sector\": \"Information and Communication Technologies\"}"));
        expectAccepted(Api.put(region + "/agreements/OUT-MOU", """
                {"kind": "DUAL_ENROLLMENT", "district_id": "OUT-USD", "college_id": "OUT-CC", "college_course_ids": ["CIS-101"],
                 "effective_from": "2025-07-01", "effective_to": "2027-06-30"}"""));

        StringBuilder students = new StringBuilder("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races,effective_date\n");
        StringBuilder enrolments = new StringBuilder("district_id,student_id,pathway_id,school_id,entry_date\n");
        StringBuilder courses = new StringBuilder("district_id,student_id,course_id,school_year,term,pathway_id,course_role,cte,hours,mark,"
                + "college_credit_type,college_id,college_course_id,college_credits\n");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add("H" + i);
            students.append(DISTRICT + ",H" + i + ",2010-03-01,HS-1,10,F,Y,WHITE,2025-08-01\n");
        }
        for (int i = 1; i <= 10; i++) {
            ids.add("W" + i);
            students.append(DISTRICT + ",W" + i + ",2010-03-01,HS-1,10,M,N,WHITE,2025-08-01\n");
        }
        // 20 more Hispanic girls in grade 11 who never enter: the base the pathway draws its entrants from.
        for (int i = 1; i <= 20; i++) {
            students.append(DISTRICT + ",N" + i + ",2009-03-01,HS-1,11,F,Y,WHITE,2025-08-01\n");
        }
        for (String id : ids) {
            enrolments.append(DISTRICT + "," + id + "," + PATHWAY + ",HS-1,2025-08-20\n");
            int number = Integer.parseInt(id.substring(1));
            boolean concentrator = id.startsWith("H") ? number <= 12 : number <= 3;
            courses.append(DISTRICT + "," + id + ",CIS-1,2025-26,FY," + PATHWAY + ",INTRO,Y,180,B,,,,\n");
            if (concentrator) {
                boolean credit = id.startsWith("H") && number <= 10;
                courses.append(DISTRICT + "," + id + ",CIS-2,2025-26,S2," + PATHWAY + ",CONCENTRATOR,Y,90,A,"
                        + (credit ? "DUAL,OUT-CC,CIS-101,3" : ",,,") + "\n");
            }
        }
        submit("students", students.toString());
        submit("pathway_enrollments", enrolments.toString());
        submit("course_completions", courses.toString());

        // Another region, district and pathway with two grade-9 cohorts: 2024 (30 entrants in grade 10, 20 concentrators)
        // and 2025 (12 in grade 9, 3 concentrators).
        String weldingRegion = platform.commandUrl() + "/api/v1/regions/OUT-REGION-W";
        expectAccepted(Api.put(weldingRegion, "{\"name\": \"Welding region\"}"));
        expectAccepted(Api.put(weldingRegion + "/members/" + WELDING_DISTRICT, "{\"kind\": \"K12_DISTRICT\"}"));
        expectAccepted(Api.put(weldingRegion + "/pathways/" + WELDING, "{\"name\": \"Welding\", \"industry_sector\": \"Manufacturing and Product Development\"}"));
        StringBuilder welders = new StringBuilder("district_id,student_id,birth_date,school_id,grade_level,sex,hispanic,races,effective_date\n");
        StringBuilder weldingEntries = new StringBuilder("district_id,student_id,pathway_id,school_id,entry_date\n");
        StringBuilder weldingCourses = new StringBuilder("district_id,student_id,course_id,school_year,term,pathway_id,course_role,cte,hours,mark,"
                + "college_credit_type,college_id,college_course_id,college_credits\n");
        for (int i = 1; i <= 42; i++) {
            String id = "K" + i;
            welders.append(WELDING_DISTRICT + "," + id + ",2010-03-01,HS-W," + (i <= 30 ? "10" : "9") + ",M,N,WHITE,2025-08-01\n");
            weldingEntries.append(WELDING_DISTRICT + "," + id + "," + WELDING + ",HS-W,2025-08-20\n");
            weldingCourses.append(WELDING_DISTRICT + "," + id + ",WLD-1,2025-26,FY," + WELDING + ",INTRO,Y,180,B,,,,\n");
            if (i <= 20 || i > 39) {
                weldingCourses.append(WELDING_DISTRICT + "," + id + ",WLD-2,2025-26,S2," + WELDING + ",CONCENTRATOR,Y,90,A,,,,\n");
            }
        }
        Api.importCsv(platform.commandUrl(), WELDING_DISTRICT, "students", welders.toString());
        Api.importCsv(platform.commandUrl(), WELDING_DISTRICT, "pathway_enrollments", weldingEntries.toString());
        Api.importCsv(platform.commandUrl(), WELDING_DISTRICT, "course_completions", weldingCourses.toString());
        StringBuilder milestones = new StringBuilder("district_id,student_id,milestone,date\n");
        for (int i = 1; i <= 12; i++) {
            milestones.append(DISTRICT + ",H" + i + ",HS_DIPLOMA,2027-06-04\n");
        }
        submit("milestones", milestones.toString());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void the_concentrator_rate_by_group_matches_the_hand_computed_answer_with_small_groups_hidden() {
        JsonNode answer = metric("concentrator-rate", table -> table.path("all").path("successes").asLong() == 15);

        assertThat(answer.get("all").get("population").asLong()).isEqualTo(30);
        assertThat(answer.get("all").get("ratePercent").asDouble()).isEqualTo(50.0);
        JsonNode hispanic = row(answer, "RACE_ETHNICITY", "HISPANIC_OR_LATINO");
        assertThat(hispanic.get("population").asLong()).isEqualTo(20);
        assertThat(hispanic.get("successes").asLong()).isEqualTo(12);
        assertThat(hispanic.get("ratePercent").asDouble()).isEqualTo(60.0);
        assertThat(hispanic.get("gapPoints").asDouble()).isEqualTo(10.0);
        assertThat(hispanic.get("representationIndex").asDouble()).isEqualTo(1.2);
        JsonNode white = row(answer, "RACE_ETHNICITY", "WHITE");
        assertThat(white.get("population").asLong()).isEqualTo(10);
        assertThat(white.get("successes").isNull()).isTrue();
        assertThat(white.get("ratePercent").isNull()).isTrue();
        assertThat(white.get("suppressed").asBoolean()).isTrue();
        assertThat(row(answer, "SEX", "F").get("ratePercent").asDouble()).isEqualTo(60.0);
    }

    @Test
    void early_college_credit_by_group_and_the_csv_download_hides_exactly_what_the_json_hides() throws Exception {
        JsonNode answer = metric("early-college-credit", table -> table.path("all").path("successes").asLong() == 10);

        assertThat(answer.get("all").get("ratePercent").asDouble()).isEqualTo(33.3);
        JsonNode hispanic = row(answer, "RACE_ETHNICITY", "HISPANIC_OR_LATINO");
        assertThat(hispanic.get("ratePercent").asDouble()).isEqualTo(50.0);
        assertThat(hispanic.get("gapPoints").asDouble()).isEqualTo(16.7);
        assertThat(hispanic.get("representationIndex").asDouble()).isEqualTo(1.5);

        String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl()
                + "/api/v1/metrics/early-college-credit.csv?pathway=" + PATHWAY)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(csv).contains("early-college-credit,OUT-ICT,,ALL,ALL,30,10,33.3,,,no,\r\n");
        assertThat(csv).contains("early-college-credit,OUT-ICT,,RACE_ETHNICITY,HISPANIC_OR_LATINO,20,10,50.0,16.7,1.5,no,\r\n");
        assertThat(csv).contains("early-college-credit,OUT-ICT,,RACE_ETHNICITY,WHITE,10,,,,,yes,BELOW_MINIMUM\r\n");
    }

    @Test
    void an_intersection_asked_for_is_published_with_the_same_suppression() {
        JsonNode answer = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/concentrator-rate?pathway=" + PATHWAY
                        + "&intersect=RACE_ETHNICITY*SEX"),
                result -> result.status() == 200 && result.body().get("table").get("all").get("successes").asLong() == 15, "intersection").body().get("table");

        JsonNode hispanicGirls = row(answer, "RACE_ETHNICITY*SEX", "HISPANIC_OR_LATINO|F");
        assertThat(hispanicGirls.get("label").asText()).isEqualTo("Hispanic or Latino, Female");
        assertThat(hispanicGirls.get("ratePercent").asDouble()).isEqualTo(60.0);
        assertThat(row(answer, "RACE_ETHNICITY*SEX", "WHITE|M").get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void perkins_5s2_counts_graduated_concentrators_with_college_credit() {
        // 12 graduated concentrators (H1-H12), of whom H1-H10 earned dual credit: 10/12 = 83.3%.
        JsonNode answer = metric("perkins-5s2", table -> table.path("all").path("population").asLong() == 12);

        assertThat(answer.get("all").get("successes").asLong()).isEqualTo(10);
        assertThat(answer.get("all").get("ratePercent").asDouble()).isEqualTo(83.3);
    }

    @Test
    void the_cohort_funnel_follows_the_grade_9_cohort_with_small_stages_hidden() {
        // All 30 were in grade 10 on 2025-08-01: the fall-2024 grade-9 cohort. 15 concentrators, 12 graduates.
        JsonNode answer = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?pathway=" + PATHWAY),
                result -> result.status() == 200 && result.body().get("cohorts").size() == 1
                        && result.body().get("cohorts").get(0).get("stages").get(3).path("students").asLong() == 12, "the funnel").body();

        JsonNode cohort = answer.get("cohorts").get(0);
        assertThat(cohort.get("cohortYear").asInt()).isEqualTo(2024);
        List<String> stages = new ArrayList<>();
        cohort.get("stages").forEach(stage -> stages.add(stage.get("stage").asText() + "=" + (stage.get("suppressed").asBoolean() ? "hidden" : stage.get("students").asText())));
        assertThat(stages).containsExactly("ENTERED=30", "CONCENTRATOR=15", "COMPLETER=hidden", "GRADUATED=12", "COLLEGE=hidden",
                "CREDENTIAL=hidden", "EMPLOYED=hidden");
    }

    @Test
    void a_cohort_the_trend_hides_as_a_complement_is_hidden_in_the_funnel_too() {
        // Concentrators by grade-9 cohort: 2025 has 3 (hidden), so 2024's 20 is hidden in the trend as its complement (the
        // metric's total, 23, would give the 3 away). The funnel must not show the 20 either.
        JsonNode trend = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=concentrator-rate&pathway=" + WELDING),
                result -> result.status() == 200 && result.body().get("trend").path("all").path("successes").asLong() == 23, "the trend").body().get("trend");
        assertThat(trend.get("cohorts").get(0).get("group").asText()).isEqualTo("2024");
        assertThat(trend.get("cohorts").get(0).get("reason").asText()).isEqualTo("COMPLEMENTARY");
        assertThat(trend.get("cohorts").get(1).get("reason").asText()).isEqualTo("BELOW_MINIMUM");

        JsonNode funnel = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?years=2&pathway=" + WELDING).body();
        List<String> concentrators = new ArrayList<>();
        funnel.get("cohorts").forEach(cohort -> {
            JsonNode stage = cohort.get("stages").get(1);
            concentrators.add(cohort.get("cohortYear").asText() + ":" + stage.get("students").asText() + ":" + stage.get("reason").asText()
                    + ":entered=" + cohort.get("stages").get(0).get("students").asText());
            cohort.get("years").forEach(year -> assertThat(year.get("stages").get(1).get("students").isNull()).isTrue());
        });
        assertThat(concentrators).containsExactly("2024:null:LINKED:entered=30", "2025:null:BELOW_MINIMUM:entered=12");
    }

    @Test
    void participation_shows_who_enters_of_those_who_could() {
        // Base 50 (40 Hispanic, 10 White), 30 entered: 60.0%. Hispanic 20/40 = 50.0%, gap -10.0, representation
        // (20/30)/(40/50) = 0.8; White 10/10 = 100%: shown as a range, not a value.
        // The base is the district's: other tests' students share this database.
        JsonNode answer = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-participation?pathway=" + PATHWAY + "&district=" + DISTRICT),
                result -> result.status() == 200 && result.body().get("table").path("all").path("population").asLong() == 50, "participation")
                .body().get("table");

        assertThat(answer.get("all").get("ratePercent").asDouble()).isEqualTo(60.0);
        JsonNode hispanic = row(answer, "RACE_ETHNICITY", "HISPANIC_OR_LATINO");
        assertThat(hispanic.get("ratePercent").asDouble()).isEqualTo(50.0);
        assertThat(hispanic.get("gapPoints").asDouble()).isEqualTo(-10.0);
        assertThat(hispanic.get("representationIndex").asDouble()).isEqualTo(0.8);
        assertThat(row(answer, "RACE_ETHNICITY", "WHITE").get("rateShown").asText()).isEqualTo(">95%");
        assertThat(row(answer, "RACE_ETHNICITY", "WHITE").get("ratePercent").isNull()).isTrue();
        // At a school: the students whose latest record is at that school (all 50 here), and those of them who entered.
        JsonNode school = Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-participation?pathway=" + PATHWAY + "&district=" + DISTRICT
                + "&school=HS-1").body().get("table");
        assertThat(school.get("all").get("population").asLong()).isEqualTo(50);
        assertThat(school.get("all").get("successes").asLong()).isEqualTo(30);
        assertThat(Api.get(platform.analyticsUrl() + "/api/v1/metrics/pathway-participation?pathway=" + PATHWAY + "&district=" + DISTRICT
                + "&school=HS-9").body().get("table").get("all").get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void a_metric_is_asked_at_sector_region_and_school_level() {
        metric("concentrator-rate", table -> table.path("all").path("successes").asLong() == 15);
        String base = platform.analyticsUrl() + "/api/v1/metrics/concentrator-rate?";

        // Within its region: a sector without a region spans every region of the deployment (other tests share it).
        JsonNode sector = Api.get(base + "sector=Information%20and%20Communication%20Technologies&region=OUT-REGION").body();
        JsonNode region = Api.get(base + "region=OUT-REGION").body();
        JsonNode school = Api.get(base + "pathway=" + PATHWAY + "&school=HS-1").body();
        JsonNode otherSchool = Api.get(base + "pathway=" + PATHWAY + "&school=HS-9").body();

        assertThat(sector.get("table").get("all").get("ratePercent").asDouble()).isEqualTo(50.0);
        assertThat(sector.get("scope").get("sector").asText()).isEqualTo("Information and Communication Technologies");
        assertThat(region.get("table").get("all").get("population").asLong()).isEqualTo(30);
        assertThat(school.get("table").get("all").get("population").asLong()).isEqualTo(30);
        assertThat(otherSchool.get("table").get("all").get("suppressed").asBoolean()).isTrue();
        assertThat(Api.get(base + "district=" + DISTRICT).status()).isEqualTo(400);
    }

    @Test
    void the_catalogue_lists_every_metric_with_its_definition() {
        JsonNode catalogue = Api.get(platform.analyticsUrl() + "/api/v1/metrics").body();

        List<String> ids = new ArrayList<>();
        catalogue.forEach(metric -> ids.add(metric.get("id").asText()));
        assertThat(ids).containsExactly("pathway-entry", "pathway-participation", "concentrator-rate", "completion-rate", "early-college-credit",
                "twelve-college-credits", "wbl-participation", "industry-credential", "perkins-1s1", "postsecondary-within-one-year",
                "perkins-3s1", "perkins-5s1", "perkins-5s2", "perkins-5s3", "perkins-4s1", "k12swp-participants", "k12swp-completers",
                "k12swp-completers-early-credit", "k12swp-completers-wbl", "k12swp-completers-certification", "living-wage",
                "k12swp-cte-students", "median-quarterly-earnings");
        for (String id : ids) {
            Api.Answer answer = Api.get(platform.analyticsUrl() + "/api/v1/metrics/" + id + "?pathway=" + PATHWAY + "&asOf=2030-01-01");
            assertThat(answer.status()).as(id + ": " + answer.body()).isEqualTo(200);
        }
        assertThat(catalogue.get(2).get("numerator").asText()).contains("concentrators");
        assertThat(Api.get(platform.analyticsUrl() + "/api/v1/metrics/graduation-vibes?pathway=" + PATHWAY).status()).isEqualTo(400);
    }

    private static JsonNode metric(String id, java.util.function.Predicate<JsonNode> ready) {
        return await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/" + id + "?pathway=" + PATHWAY),
                answer -> answer.status() == 200 && ready.test(answer.body().get("table")), id).body().get("table");
    }

    private static JsonNode row(JsonNode table, String dimension, String group) {
        return Api.row(table.get("dimensions"), dimension, group);
    }

    private static void submit(String kind, String csv) {
        Api.importCsv(platform.commandUrl(), DISTRICT, kind, csv);
    }
}
