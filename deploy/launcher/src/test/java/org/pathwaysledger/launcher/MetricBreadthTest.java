package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.infrastructure.PlatformInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.expectAccepted;

/**
 * The K12 SWP counts, Perkins 4S1, earnings, cohorts by pathway entry year and the BI views, on a small hand-made
 * region whose right answers are worked out by hand from METRICS.md (every figure below is in the comments).
 *
 * <p>Region MB-REGION, district MB-USD. Pathway MB-NURSE (CIP 51.3801 registered nursing: nontraditional for men on
 * the region's list; California rule: participant at 150 hours, concentrator at 2 courses, completer at 300 hours
 * with the capstone passed C- or better). Pathway MB-BIZ (CIP 52.0201, traditional; Perkins rule).
 * <ul>
 *   <li>A1-A20: Hispanic girls (A1-A3 English learners), entered MB-NURSE 2025-08-20. A1-A16: intro + capstone,
 *       180 h each (completers); A17-A20: intro only (participants). A1-A12 earned 3 dual credits; A1-A10 a
 *       certification. All graduate 2027-06-04.</li>
 *   <li>B1-B15: White boys, entered MB-NURSE 2024-09-03. B1-B12 completers (2024-25); B13-B15 took nothing.
 *       B1-B10 did an internship. All graduate 2027-06-04.</li>
 *   <li>C1-C5: Asian girls, entered MB-NURSE 2025-08-20, completers, certified.</li>
 *   <li>D1-D10: White boys, entered MB-BIZ, two courses (concentrators, participants).</li>
 *   <li>N1-N10: Hispanic girls in grade 11 who never entered: the base.</li>
 *   <li>Wages in 2027Q4 (the 2nd quarter after the diploma quarter 2027Q2): A_i = 10000 + 500 i (i = 1..12);
 *       A13 two employers, 6000 + 7000 = 13000; B_i = 9000 + 100 i (i = 1..10); B11 only in 2027Q3 (not counted).</li>
 * </ul>
 * Entrants of MB-NURSE: 40; participants 37 (A20, B12, C5); completers = concentrators 33 (A16, B12, C5).
 */
class MetricBreadthTest {

    static final String DISTRICT = "MB-USD";
    static final String NURSE = "MB-NURSE";
    static final String REGION = "MB-REGION";
    static final String BI_PASSWORD = "bi-test-secret";
    static Platform platform;

    @BeforeAll
    static void loadRegion() throws Exception {
        // The region's own nontraditional list (a setting): nursing for men, construction for women.
        platform = Platform.start(Platform.Ports.random(), Map.of("pathways.bi.password", BI_PASSWORD,
                "pathways.bi.initial-delay", "PT1S", "pathways.bi.refresh-interval", "PT3S",
                "pathways.region.nontraditional-fields", "51.38:M:Registered nursing,46:F"));
        String region = platform.commandUrl() + "/api/v1/regions/" + REGION;
        expectAccepted(Api.put(region, "{\"name\": \"Metric breadth region\"}"));
        expectAccepted(Api.put(region + "/members/" + DISTRICT, "{\"kind\": \"K12_DISTRICT\"}"));
        expectAccepted(Api.put(region + "/members/MB-CC", "{\"kind\": \"COLLEGE\"}"));
        expectAccepted(Api.put(region + "/pathways/" + NURSE, """
                {"name": "Nursing", "industry_sector": "Health Science and Medical Technology", "cip_code": "51.3801",
                 "completion_rule": "CALIFORNIA_300_HOURS_CAPSTONE"}"""));
        expectAccepted(Api.put(region + "/pathways/MB-BIZ", """
                {"name": "Business", "industry_sector": "Business and Finance", "cip_code": "52.0201"}"""));
        expectAccepted(Api.put(region + "/agreements/MB-MOU", """
                {"kind": "DUAL_ENROLLMENT", "district_id": "MB-USD", "college_id": "MB-CC", "college_course_ids": ["NUR-101"],
                 "effective_from": "2025-07-01", "effective_to": "2027-06-30"}"""));

        StringBuilder students = new StringBuilder("district_id,student_id,birth_date,school_id,grade_level,cohort_year,sex,hispanic,races,english_learner,effective_date\n");
        StringBuilder enrolments = new StringBuilder("district_id,student_id,pathway_id,school_id,entry_date\n");
        StringBuilder courses = new StringBuilder("district_id,student_id,course_id,school_year,term,pathway_id,course_role,cte,hours,mark,"
                + "college_credit_type,college_id,college_course_id,college_credits\n");
        StringBuilder wbl = new StringBuilder("district_id,student_id,placement_id,activity_type,start_date\n");
        StringBuilder credentials = new StringBuilder("district_id,student_id,credential_id,earned_date\n");
        StringBuilder milestones = new StringBuilder("district_id,student_id,milestone,date,institution_id,year_quarter,quarterly_wage\n");
        for (int i = 1; i <= 20; i++) {
            String id = "A" + i;
            students.append(DISTRICT + "," + id + ",2009-03-01,HS-1,10,2023,F,Y,WHITE," + (i <= 3 ? "Y" : "N") + ",2024-08-01\n");
            enrolments.append(DISTRICT + "," + id + "," + NURSE + ",HS-1,2025-08-20\n");
            courses.append(DISTRICT + "," + id + ",NUR-1,2025-26,FY," + NURSE + ",INTRO,Y,180,B,,,,\n");
            if (i <= 16) {
                courses.append(DISTRICT + "," + id + ",NUR-2,2025-26,S2," + NURSE + ",CAPSTONE,Y,180,B,"
                        + (i <= 12 ? "DUAL,MB-CC,NUR-101,3" : ",,,") + "\n");
            }
            if (i <= 10) {
                credentials.append(DISTRICT + "," + id + ",CNA-CERT,2026-05-01\n");
            }
            milestones.append(DISTRICT + "," + id + ",HS_DIPLOMA,2027-06-04,,,\n");
            if (i <= 12) {
                milestones.append(DISTRICT + "," + id + ",EMPLOYED,2027-10-01,EMP-1,2027Q4," + (10000 + 500 * i) + "\n");
            }
        }
        milestones.append(DISTRICT + ",A13,EMPLOYED,2027-10-01,EMP-1,2027Q4,6000\n");
        milestones.append(DISTRICT + ",A13,EMPLOYED,2027-10-15,EMP-2,2027Q4,7000\n");
        for (int i = 1; i <= 15; i++) {
            String id = "B" + i;
            students.append(DISTRICT + "," + id + ",2009-03-01,HS-1,10,2023,M,N,WHITE,N,2024-08-01\n");
            enrolments.append(DISTRICT + "," + id + "," + NURSE + ",HS-1,2024-09-03\n");
            if (i <= 12) {
                courses.append(DISTRICT + "," + id + ",NUR-1,2024-25,FY," + NURSE + ",INTRO,Y,180,B,,,,\n");
                courses.append(DISTRICT + "," + id + ",NUR-2,2024-25,S2," + NURSE + ",CAPSTONE,Y,180,B,,,,\n");
            }
            if (i <= 10) {
                wbl.append(DISTRICT + "," + id + ",P-" + id + ",INTERNSHIP,2025-10-01\n");
                milestones.append(DISTRICT + "," + id + ",EMPLOYED,2027-10-01,EMP-1,2027Q4," + (9000 + 100 * i) + "\n");
            }
            milestones.append(DISTRICT + "," + id + ",HS_DIPLOMA,2027-06-04,,,\n");
        }
        milestones.append(DISTRICT + ",B11,EMPLOYED,2027-07-01,EMP-1,2027Q3,20000\n");
        for (int i = 1; i <= 5; i++) {
            String id = "C" + i;
            students.append(DISTRICT + "," + id + ",2009-03-01,HS-1,10,2023,F,N,ASIAN,N,2024-08-01\n");
            enrolments.append(DISTRICT + "," + id + "," + NURSE + ",HS-1,2025-08-20\n");
            courses.append(DISTRICT + "," + id + ",NUR-1,2025-26,FY," + NURSE + ",INTRO,Y,180,B,,,,\n");
            courses.append(DISTRICT + "," + id + ",NUR-2,2025-26,S2," + NURSE + ",CAPSTONE,Y,180,B,,,,\n");
            credentials.append(DISTRICT + "," + id + ",CNA-CERT,2026-05-01\n");
        }
        for (int i = 1; i <= 10; i++) {
            String id = "D" + i;
            students.append(DISTRICT + "," + id + ",2009-03-01,HS-1,10,2023,M,N,WHITE,N,2024-08-01\n");
            enrolments.append(DISTRICT + "," + id + ",MB-BIZ,HS-1,2025-08-20\n");
            courses.append(DISTRICT + "," + id + ",BIZ-1,2025-26,FY,MB-BIZ,INTRO,Y,90,B,,,,\n");
            courses.append(DISTRICT + "," + id + ",BIZ-2,2025-26,S2,MB-BIZ,CONCENTRATOR,Y,90,B,,,,\n");
            students.append(DISTRICT + ",N" + i + ",2008-03-01,HS-1,11,2022,F,Y,WHITE,N,2024-08-01\n");
        }
        submit("students", students.toString());
        submit("pathway_enrollments", enrolments.toString());
        submit("course_completions", courses.toString());
        submit("wbl_placements", wbl.toString());
        submit("credentials", credentials.toString());
        submit("milestones", milestones.toString());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void k12_swp_counts_match_the_hand_computed_answers() {
        // Participants 37 of 40 entrants = 92.5%; White 12/15 = 80.0% (gap -12.5); Hispanic 20/20 coded >95%;
        // Asian 5 entrants: below 10, hidden.
        JsonNode participants = metric("k12swp-participants", NURSE, table -> table.path("all").path("successes").asLong() == 37);
        assertThat(participants.get("all").get("population").asLong()).isEqualTo(40);
        assertThat(participants.get("all").get("ratePercent").asDouble()).isEqualTo(92.5);
        assertThat(row(participants, "RACE_ETHNICITY", "WHITE").get("ratePercent").asDouble()).isEqualTo(80.0);
        assertThat(row(participants, "RACE_ETHNICITY", "WHITE").get("gapPoints").asDouble()).isEqualTo(-12.5);
        assertThat(row(participants, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("rateShown").asText()).isEqualTo(">95%");
        assertThat(row(participants, "RACE_ETHNICITY", "ASIAN").get("population").isNull()).isTrue();
        assertThat(row(participants, "RACE_ETHNICITY", "ASIAN").get("reason").asText()).isEqualTo("BELOW_MINIMUM");

        // Completers among participants: 33/37 = 89.2%. Their population is the participants: 25 of 25 girls participated,
        // which the participants' answer codes ">95%" (hiding the 25, and the boys' 12 as its complement). Shown here, the
        // completers' population of girls would give the 25 away, so it is hidden here too (LINKED); the 21 girls who
        // completed stay shown (the completion rate publishes them as well). Hispanic participants (20 of 20) alike.
        // The boys' 12 stays: the hidden non-binary cell (under 10) already keeps the girls' 25 from the total.
        JsonNode completers = metric("k12swp-completers", NURSE, table -> table.path("all").path("successes").asLong() == 33);
        assertThat(completers.get("all").get("population").asLong()).isEqualTo(37);
        assertThat(completers.get("all").get("ratePercent").asDouble()).isEqualTo(89.2);
        assertThat(row(participants, "SEX", "F").get("rateShown").asText()).isEqualTo(">95%");
        assertThat(row(completers, "SEX", "F").get("population").isNull()).isTrue();
        assertThat(row(completers, "SEX", "F").get("reason").asText()).isEqualTo("LINKED");
        assertThat(row(completers, "SEX", "F").get("ratePercent").isNull()).isTrue();
        assertThat(row(completers, "SEX", "F").get("successes").asLong()).isEqualTo(21);
        assertThat(row(completers, "SEX", "M").get("population").asLong()).isEqualTo(12);
        assertThat(row(completers, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("population").isNull()).isTrue();
        assertThat(row(completers, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("reason").asText()).isEqualTo("LINKED");
        assertThat(row(completers, "RACE_ETHNICITY", "WHITE").get("population").asLong()).isEqualTo(12);

        // Of the 33 completers: early credit A1-A12 = 12 (36.4%; Hispanic 12/16 = 75.0%; White 0: hidden), WBL B1-B10 = 10
        // (30.3%; White 10 of 12), certification A1-A10 + C1-C5 = 15 (45.5%; Hispanic 10/16 = 62.5%).
        JsonNode credit = metric("k12swp-completers-early-credit", NURSE, table -> table.path("all").path("successes").asLong() == 12);
        assertThat(credit.get("all").get("population").asLong()).isEqualTo(33);
        assertThat(credit.get("all").get("ratePercent").asDouble()).isEqualTo(36.4);
        assertThat(row(credit, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("ratePercent").asDouble()).isEqualTo(75.0);
        assertThat(row(credit, "RACE_ETHNICITY", "WHITE").get("successes").isNull()).isTrue();
        JsonNode wbl = metric("k12swp-completers-wbl", NURSE, table -> table.path("all").path("successes").asLong() == 10);
        assertThat(wbl.get("all").get("ratePercent").asDouble()).isEqualTo(30.3);
        // White: 10 of 12 completers (83.3%), but all 12 White participants completed, which the completers' answer codes
        // ">95%": the 12 completers are hidden wherever they are published (completion rate, this population).
        assertThat(row(completers, "RACE_ETHNICITY", "WHITE").get("rateShown").asText()).isEqualTo(">95%");
        assertThat(row(wbl, "RACE_ETHNICITY", "WHITE").get("population").isNull()).isTrue();
        assertThat(row(wbl, "RACE_ETHNICITY", "WHITE").get("reason").asText()).isEqualTo("LINKED");
        assertThat(row(wbl, "RACE_ETHNICITY", "WHITE").get("successes").asLong()).isEqualTo(10);
        JsonNode certified = metric("k12swp-completers-certification", NURSE, table -> table.path("all").path("successes").asLong() == 15);
        assertThat(certified.get("all").get("ratePercent").asDouble()).isEqualTo(45.5);
        assertThat(row(certified, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("ratePercent").asDouble()).isEqualTo(62.5);

        // CTE students: of the district's 60 students in grades 9-12, the 40 enrolled in MB-NURSE = 66.7%;
        // Hispanic 20 of 30 = 66.7%.
        JsonNode cteStudents = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/k12swp-cte-students?pathway=" + NURSE + "&district=" + DISTRICT),
                answer -> answer.status() == 200 && answer.body().get("table").path("all").path("population").asLong() == 60, "CTE students")
                .body().get("table");
        assertThat(cteStudents.get("all").get("successes").asLong()).isEqualTo(40);
        assertThat(cteStudents.get("all").get("ratePercent").asDouble()).isEqualTo(66.7);
        assertThat(row(cteStudents, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("ratePercent").asDouble()).isEqualTo(66.7);
    }

    @Test
    void perkins_4s1_counts_concentrators_of_the_underrepresented_sex_in_nontraditional_programs_only() {
        // 51.3801 is nontraditional for men: 12 male concentrators (B1-B12) of 33 = 36.4%. At region level MB-BIZ
        // (52.0201, traditional) adds no one: still 12 of 33.
        JsonNode nursing = metric("perkins-4s1", NURSE, table -> table.path("all").path("population").asLong() == 33);
        assertThat(nursing.get("all").get("successes").asLong()).isEqualTo(12);
        assertThat(nursing.get("all").get("ratePercent").asDouble()).isEqualTo(36.4);
        assertThat(row(nursing, "SEX", "F").get("population").asLong()).isEqualTo(21);
        assertThat(row(nursing, "SEX", "F").get("successes").isNull()).isTrue();

        JsonNode region = Api.get(platform.analyticsUrl() + "/api/v1/metrics/perkins-4s1?region=" + REGION).body().get("table");
        assertThat(region.get("all").get("population").asLong()).isEqualTo(33);
        assertThat(region.get("all").get("successes").asLong()).isEqualTo(12);
        JsonNode business = Api.get(platform.analyticsUrl() + "/api/v1/metrics/perkins-4s1?pathway=MB-BIZ").body().get("table");
        assertThat(business.get("all").get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void living_wage_and_median_earnings_use_all_employers_in_the_second_quarter_after_graduation() throws Exception {
        // 23 graduates with 2027Q4 wages (A1-A13, B1-B10). At or above 11440: A3-A12 and A13 (6000 + 7000) = 11:
        // 47.8%; Hispanic 11/13 = 84.6%; White 0 of 10: hidden.
        JsonNode living = metric("living-wage", NURSE, table -> table.path("all").path("population").asLong() == 23);
        assertThat(living.get("all").get("successes").asLong()).isEqualTo(11);
        assertThat(living.get("all").get("ratePercent").asDouble()).isEqualTo(47.8);
        assertThat(row(living, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("ratePercent").asDouble()).isEqualTo(84.6);
        assertThat(row(living, "RACE_ETHNICITY", "WHITE").get("successes").isNull()).isTrue();

        // Sorted: B 9100..10000 (10), then 10500, 11000, ...: the 12th of 23 is 11000. Hispanic (13): 10500 ... 16000
        // with 13000 twice, the 7th is 13000. White (10): (9500 + 9600) / 2 = 9550. English learners: 3 earners,
        // hidden; the other 20 would reveal them from the total, so their count and median are hidden too.
        JsonNode earnings = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/median-quarterly-earnings?pathway=" + NURSE),
                answer -> answer.status() == 200 && answer.body().path("all").path("earners").asLong() == 23, "earnings").body();
        assertThat(earnings.get("all").get("medianQuarterlyWage").asDouble()).isEqualTo(11000.0);
        assertThat(earnings.get("all").get("medianAnnualisedWage").asDouble()).isEqualTo(44000.0);
        assertThat(medianRow(earnings, "RACE_ETHNICITY", "HISPANIC_OR_LATINO").get("medianQuarterlyWage").asDouble()).isEqualTo(13000.0);
        assertThat(medianRow(earnings, "RACE_ETHNICITY", "WHITE").get("earners").asLong()).isEqualTo(10);
        assertThat(medianRow(earnings, "RACE_ETHNICITY", "WHITE").get("medianQuarterlyWage").asDouble()).isEqualTo(9550.0);
        JsonNode learners = medianRow(earnings, "ENGLISH_LEARNER", "Y");
        JsonNode others = medianRow(earnings, "ENGLISH_LEARNER", "N");
        assertThat(learners.get("earners").isNull() && learners.get("medianQuarterlyWage").isNull()).isTrue();
        assertThat(learners.get("reason").asText()).isEqualTo("BELOW_MINIMUM");
        assertThat(others.get("earners").isNull() && others.get("medianQuarterlyWage").isNull()).isTrue();
        assertThat(others.get("reason").asText()).isEqualTo("COMPLEMENTARY");

        // Intersections: Hispanic girls are the same 13 earners (median 13000); a dimension with itself is its own breakdown.
        JsonNode crossed = Api.get(platform.analyticsUrl() + "/api/v1/metrics/median-quarterly-earnings?pathway=" + NURSE
                + "&intersect=RACE_ETHNICITY*SEX&intersect=SEX*SEX").body();
        assertThat(medianRow(crossed, "RACE_ETHNICITY*SEX", "HISPANIC_OR_LATINO|F").get("medianQuarterlyWage").asDouble()).isEqualTo(13000.0);
        assertThat(medianRow(crossed, "SEX*SEX", "M|M").get("medianQuarterlyWage").asDouble()).isEqualTo(9550.0);

        String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.analyticsUrl()
                + "/api/v1/metrics/median-quarterly-earnings.csv?pathway=" + NURSE)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(csv).contains("median-quarterly-earnings,MB-NURSE,ALL,ALL,23,11000.0,44000.0,no,\r\n");
        assertThat(csv).contains("median-quarterly-earnings,MB-NURSE,ENGLISH_LEARNER,N,,,,yes,COMPLEMENTARY\r\n");
    }

    @Test
    void cohorts_by_pathway_entry_year_give_the_funnel_and_the_trend() {
        // B entered in school year 2024-25 (cohort 2024: 15 entrants, 12 completers = 80.0%); A and C in 2025-26
        // (cohort 2025: 25 entrants, 21 completers = 84.0%). All 33/40 = 82.5%.
        JsonNode trend = await(() -> Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=completion-rate&cohortBy=PATHWAY_ENTRY&pathway=" + NURSE),
                answer -> answer.status() == 200 && answer.body().get("trend").path("all").path("successes").asLong() == 33, "trend").body().get("trend");
        assertThat(trend.get("all").get("ratePercent").asDouble()).isEqualTo(82.5);
        List<String> cohorts = new ArrayList<>();
        trend.get("cohorts").forEach(cohort -> cohorts.add(cohort.get("group").asText() + ":" + cohort.get("population").asText()
                + "/" + cohort.get("successes").asText() + "=" + cohort.get("ratePercent").asText()));
        assertThat(cohorts).containsExactly("2024:15/12=80.0", "2025:25/21=84.0");

        // WBL among completers: 2024 has 10 of 12, 2025 none. The 0 is below 10, and 10 = total - 0 would reveal it,
        // so the 2024 count is hidden too (complementary), though it is not small.
        JsonNode wbl = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=k12swp-completers-wbl&cohortBy=PATHWAY_ENTRY&pathway=" + NURSE)
                .body().get("trend");
        assertThat(wbl.get("all").get("successes").asLong()).isEqualTo(10);
        assertThat(wbl.get("cohorts").get(0).get("successes").isNull()).isTrue();
        assertThat(wbl.get("cohorts").get(0).get("reason").asText()).isEqualTo("COMPLEMENTARY");
        assertThat(wbl.get("cohorts").get(1).get("reason").asText()).isEqualTo("BELOW_MINIMUM");

        // Participants by entry year: 2025 has 25 of 25 (coded ">95%"), so 2024's 12 is hidden as its complement; the
        // completers' trend has the participants as its population: hidden there too, while its completers (12, 21) stay,
        // as the completion rate's trend publishes them.
        JsonNode participated = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=k12swp-participants&cohortBy=PATHWAY_ENTRY&pathway=" + NURSE)
                .body().get("trend");
        assertThat(participated.get("cohorts").get(1).get("rateShown").asText()).isEqualTo(">95%");
        assertThat(participated.get("cohorts").get(0).get("reason").asText()).isEqualTo("COMPLEMENTARY");
        JsonNode completed = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=k12swp-completers&cohortBy=PATHWAY_ENTRY&pathway=" + NURSE)
                .body().get("trend");
        List<String> completedCohorts = new ArrayList<>();
        completed.get("cohorts").forEach(cohort -> completedCohorts.add(cohort.get("group").asText() + ":" + cohort.get("population").asText()
                + "/" + cohort.get("successes").asText() + ":" + cohort.get("reason").asText()));
        assertThat(completedCohorts).containsExactly("2024:null/12:LINKED", "2025:null/21:LINKED");

        // By grade-9 cohort everyone is in 2023: one cohort.
        JsonNode grade9 = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=completion-rate&pathway=" + NURSE).body().get("trend");
        assertThat(grade9.get("cohorts")).hasSize(1);
        assertThat(grade9.get("cohorts").get(0).get("group").asText()).isEqualTo("2023");

        JsonNode funnel = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?cohortBy=PATHWAY_ENTRY&pathway=" + NURSE).body();
        List<String> entered = new ArrayList<>();
        funnel.get("cohorts").forEach(cohort -> entered.add(cohort.get("cohortYear").asText() + ":" + cohort.get("stages").get(0).get("students").asText()));
        assertThat(entered).containsExactly("2024:15", "2025:25");

        // Year by year, grade-9 cohort 2023 (40 entrants). Year 2 ends 2025-06-30: B entered (15), A and C not yet (25).
        // Employed (a wage record): none by year 4 (ends 2027-06-30, quarter 2027Q2), so 0 and its remainder 40 are hidden;
        // by year 5 (2028Q2) A1-A13 and B1-B11 = 24, 16 not.
        JsonNode years = Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?years=5&pathway=" + NURSE).body().get("cohorts").get(0);
        assertThat(years.get("cohortYear").asInt()).isEqualTo(2023);
        assertThat(years.get("years")).hasSize(5);
        assertThat(stage(years.get("years").get(1), "ENTERED").get("students").asLong()).isEqualTo(15);
        assertThat(stage(years.get("years").get(3), "EMPLOYED").get("suppressed").asBoolean()).isTrue();
        assertThat(stage(years.get("years").get(4), "EMPLOYED").get("students").asLong()).isEqualTo(24);
        assertThat(Api.get(platform.analyticsUrl() + "/api/v1/cohorts/funnel?years=11&pathway=" + NURSE).status()).isEqualTo(400);

        assertThat(Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=pathway-participation&pathway=" + NURSE).status()).isEqualTo(400);
        assertThat(Api.get(platform.analyticsUrl() + "/api/v1/cohorts/trend?metric=completion-rate&cohortBy=EXIT&pathway=" + NURSE).status()).isEqualTo(400);
    }

    @Test
    void the_bi_role_reads_the_suppressed_views_and_nothing_else() throws Exception {
        // Region level: participants 37 (MB-NURSE) + 10 (MB-BIZ, Perkins rule) = 47; completers 33: 70.2%.
        String url = PlatformInfrastructure.postgres().jdbcUrl().replaceFirst("\\?.*$", "");
        try (Connection bi = DriverManager.getConnection(url, "pathways_bi", BI_PASSWORD); Statement sql = bi.createStatement()) {
            long deadline = System.currentTimeMillis() + 60_000;
            String published = "";
            while (!published.equals("47/33/70.2") && System.currentTimeMillis() < deadline) {
                try (ResultSet all = sql.executeQuery("select population, successes, rate_percent from analytics_bi.metric_by_group "
                        + "where region_id = 'MB-REGION' and metric = 'k12swp-completers' and dimension = 'ALL'")) {
                    published = all.next() ? all.getLong(1) + "/" + all.getLong(2) + "/" + all.getBigDecimal(3) : "";
                }
                Thread.sleep(200);
            }
            assertThat(published).isEqualTo("47/33/70.2");

            try (ResultSet small = sql.executeQuery("select count(*) filter (where population < minimum_cell_size or successes < minimum_cell_size), "
                    + "count(*) filter (where suppressed), count(*) from analytics_bi.metric_by_group")) {
                small.next();
                assertThat(small.getLong(1)).as("published cells below the minimum").isZero();
                assertThat(small.getLong(2)).as("suppressed cells (the data has small groups)").isPositive();
            }
            try (ResultSet asian = sql.executeQuery("select population, suppressed from analytics_bi.metric_by_group where region_id = 'MB-REGION' "
                    + "and metric = 'k12swp-completers' and dimension = 'RACE_ETHNICITY' and group_code = 'ASIAN'")) {
                assertThat(asian.next()).isTrue();
                assertThat(asian.getObject(1)).isNull();
                assertThat(asian.getBoolean(2)).isTrue();
            }
            try (ResultSet catalogue = sql.executeQuery("select count(*) from analytics_bi.metric where metric = 'perkins-4s1'")) {
                catalogue.next();
                assertThat(catalogue.getLong(1)).isEqualTo(1);
            }
            List<String> nontraditional = new ArrayList<>();
            try (ResultSet fields = sql.executeQuery("select cip_prefix || ':' || underrepresented_sex || ':' || field from analytics_bi.nontraditional_field order by 1")) {
                while (fields.next()) {
                    nontraditional.add(fields.getString(1));
                }
            }
            assertThat(nontraditional).containsExactly("46:F:CIP 46", "51.38:M:Registered nursing");
            assertThatThrownBy(() -> sql.executeQuery("select * from analytics.pathway_entrant")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeQuery("select * from analytics.student_demographics")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeUpdate("delete from analytics_bi.metric_by_group")).isInstanceOf(SQLException.class);
        }
    }

    private static JsonNode metric(String id, String pathway, java.util.function.Predicate<JsonNode> ready) {
        return await(() -> Api.get(platform.analyticsUrl() + "/api/v1/metrics/" + id + "?pathway=" + pathway),
                answer -> answer.status() == 200 && ready.test(answer.body().get("table")), id).body().get("table");
    }

    private static JsonNode stage(JsonNode year, String stage) {
        for (JsonNode count : year.get("stages")) {
            if (count.get("stage").asText().equals(stage)) {
                return count;
            }
        }
        throw new AssertionError("no stage " + stage);
    }

    private static JsonNode row(JsonNode table, String dimension, String group) {
        return Api.row(table.get("dimensions"), dimension, group);
    }

    private static JsonNode medianRow(JsonNode answer, String dimension, String group) {
        return Api.row(answer.get("dimensions"), dimension, group);
    }

    private static void submit(String kind, String csv) {
        Api.importCsv(platform.commandUrl(), DISTRICT, kind, csv);
    }
}
