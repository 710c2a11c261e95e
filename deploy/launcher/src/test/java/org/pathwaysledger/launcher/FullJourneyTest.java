package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.expectAccepted;

/**
 * One student's whole 9-14 journey through the public APIs, on real PostgreSQL and Kafka: region setup, registration,
 * enrolment, courses (statuses derived), dual credit under an agreement, work-based learning, a credential,
 * completion, graduation, college enrolment and a wage record; then a correction and a withdrawal. The journey view
 * of the query service must show all of it.
 */
class FullJourneyTest {

    static final String REGION = "JOURNEY-REGION";
    static final String DISTRICT = "JOURNEY-USD";
    static final String COLLEGE = "JOURNEY-CC";
    static final String ADULT_SCHOOL = "JOURNEY-ADULT";
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Platform.Ports.random());
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    static String region(String path) {
        return platform.commandUrl() + "/api/v1/regions/" + REGION + path;
    }

    static String student(String path) {
        return platform.commandUrl() + "/api/v1/districts/" + DISTRICT + "/students/S1" + path;
    }

    @Test
    void a_student_walks_the_whole_journey_and_the_journey_view_shows_every_step() {
        expectAccepted(Api.put(region(""), "{\"name\": \"Journey Valley\"}"));
        expectAccepted(Api.put(region("/members/" + DISTRICT), "{\"kind\": \"K12_DISTRICT\", \"name\": \"Journey Unified\"}"));
        expectAccepted(Api.put(region("/members/" + ADULT_SCHOOL), "{\"kind\": \"ADULT_SCHOOL\"}"));
        expectAccepted(Api.put(region("/members/" + COLLEGE), "{\"kind\": \"COLLEGE\", \"name\": \"Journey College\"}"));
        expectAccepted(Api.put(region("/pathways/HEALTH"), """
                {"name": "Medical Assisting", "industry_sector": "Health Science and Medical Technology", "cip_code": "51.0801",
                 "occupations": [{"soc_code": "31-9092", "title": "Medical Assistants", "median_annual_wage": "42300", "projected_annual_openings": "1450"}],
                 "courses": [{"course_id": "MED-1", "role": "INTRO"}, {"course_id": "MED-2", "role": "CONCENTRATOR"}, {"course_id": "MED-3", "role": "CAPSTONE"}],
                 "college_partner_id": "JOURNEY-CC", "postsecondary_credential": "Certificate of Achievement",
                 "completion_rule": "CALIFORNIA_300_HOURS_CAPSTONE"}"""));
        expectAccepted(Api.put(region("/agreements/MOU-2025"), """
                {"kind": "DUAL_ENROLLMENT", "district_id": "JOURNEY-USD", "college_id": "JOURNEY-CC",
                 "college_course_ids": ["HLTH-101"], "effective_from": "2025-07-01", "effective_to": "2029-06-30"}"""));

        expectAccepted(Api.put(student(""), """
                {"state_student_id": "CA-9000001", "birth_date": "2011-03-02", "school_id": "HS-1", "grade_level": "09",
                 "sex": "F", "hispanic": "Y", "races": "WHITE", "english_learner": "Y", "economically_disadvantaged": "Y",
                 "first_name": "Ana", "last_name": "Lopez", "effective_date": "2025-08-15"}"""));
        expectAccepted(Api.post(student("/pathway-enrollments"), "{\"pathway_id\": \"HEALTH\", \"school_id\": \"HS-1\", \"entry_date\": \"2025-08-20\"}"));
        expectAccepted(Api.post(student("/course-completions"), """
                {"course_id": "MED-1", "school_year": "2025-26", "term": "FY", "cte": "Y", "hours": "180", "mark": "B"}"""));
        expectAccepted(Api.post(student("/course-completions"), """
                {"course_id": "MED-2", "school_year": "2026-27", "term": "FY", "pathway_id": "HEALTH", "cte": "Y", "hours": "180", "mark": "A-",
                 "college_credit_type": "DUAL", "college_id": "JOURNEY-CC", "college_course_id": "HLTH-101", "college_credits": "3", "transferable": "Y"}"""));
        Api.Answer refusedCredit = Api.post(student("/college-credits"), """
                {"college_credit_type": "DUAL", "college_id": "JOURNEY-CC", "college_course_id": "HLTH-999", "college_credits": "4",
                 "school_year": "2026-27", "term": "SPRING"}""");
        assertThat(refusedCredit.status()).isEqualTo(422);
        assertThat(refusedCredit.body().get("detail").asText()).contains("is not covered by an active dual-enrollment agreement");
        expectAccepted(Api.post(student("/wbl-placements"), """
                {"placement_id": "WBL-77", "activity_type": "INTERNSHIP", "start_date": "2027-06-15", "end_date": "2027-08-01",
                 "employer_name": "Valley Clinic", "sector": "Health", "hours": "120", "paid": "Y", "calpads_wbl_type": "10"}"""));
        expectAccepted(Api.post(student("/course-completions"), """
                {"course_id": "MED-3", "school_year": "2027-28", "term": "FY", "pathway_id": "HEALTH", "course_role": "CAPSTONE", "cte": "Y",
                 "hours": "180", "mark": "C-"}"""));
        expectAccepted(Api.post(student("/credentials"), """
                {"credential_id": "CCMA", "credential_name": "Certified Clinical Medical Assistant", "issuer": "NHA",
                 "industry_recognized": "Y", "earned_date": "2028-05-20"}"""));
        expectAccepted(Api.post(student("/pathway-exits"), "{\"pathway_id\": \"HEALTH\", \"exit_date\": \"2029-06-05\", \"exit_reason\": \"COMPLETED\"}"));
        expectAccepted(Api.post(student("/milestones"), "{\"milestone\": \"HS_DIPLOMA\", \"date\": \"2029-06-05\", \"detail\": \"Standard diploma\"}"));
        expectAccepted(Api.post(student("/milestones"), "{\"milestone\": \"POSTSECONDARY_ENROLLED\", \"date\": \"2029-08-20\", \"institution_id\": \"JOURNEY-CC\"}"));
        expectAccepted(Api.post(student("/milestones"), """
                {"milestone": "EMPLOYED", "date": "2029-10-01", "institution_id": "EMP-CLINIC", "year_quarter": "2029Q4", "quarterly_wage": "9850.00"}"""));
        Api.Answer sameDiplomaAgain = Api.post(student("/milestones"), "{\"milestone\": \"HS_DIPLOMA\", \"date\": \"2029-06-05\", \"detail\": \"Standard diploma\"}");
        assertThat(sameDiplomaAgain.body().get("recorded").asBoolean()).isFalse();

        JsonNode journey = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/students/S1"),
                answer -> answer.status() == 200 && answer.body().get("timeline").size() >= 15, "the whole journey").body();

        List<String> types = new ArrayList<>();
        journey.get("timeline").forEach(step -> types.add(step.get("type").asText()));
        assertThat(types).containsExactly(
                "StudentRegistered", "StudentEnrolledInPathway", "CourseCompleted", "PathwayStatusReached",
                "CollegeCreditEarned", "CourseCompleted", "PathwayStatusReached", "WorkBasedLearningLogged",
                "CourseCompleted", "PathwayStatusReached", "IndustryCredentialEarned", "StudentExitedPathway",
                "HighSchoolCompleted", "PostsecondaryEnrolled", "QuarterlyWageRecorded");
        JsonNode health = journey.get("pathways").get(0);
        assertThat(health.get("pathwayId").asText()).isEqualTo("HEALTH");
        assertThat(health.get("status").asText()).isEqualTo("EXITED");
        assertThat(health.get("exitReason").asText()).isEqualTo("COMPLETED");
        assertThat(health.get("participantOn").asText()).isEqualTo("2026-06-30");
        assertThat(health.get("concentratorOn").asText()).isEqualTo("2027-06-30");
        assertThat(health.get("completerOn").asText()).isEqualTo("2028-06-30");
        assertThat(journey.get("timeline").get(4).get("summary").asText())
                .isEqualTo("Earned 3 DUAL college credits for HLTH-101 at JOURNEY-CC in 2026-27 FY (transferable)");
        assertThat(journey.get("timeline").get(4).get("detail").get("agreementId").asText()).isEqualTo("MOU-2025");
        assertThat(journey.get("personLinks")).hasSize(1);
        assertThat(journey.get("personLinks").get(0).get("evidence").asText()).isEqualTo("STATE_STUDENT_ID");

        // A correction changes the current view and keeps the history; a withdrawal marks the fact, it does not erase it.
        expectAccepted(Api.post(student("/corrections"), """
                {"state_student_id": "CA-9000001", "birth_date": "2011-03-02", "school_id": "HS-1", "grade_level": "09",
                 "sex": "F", "hispanic": "N", "races": "WHITE", "english_learner": "Y", "economically_disadvantaged": "Y",
                 "effective_date": "2025-08-15", "reason": "Parent amendment request: ethnicity misreported"}"""));
        expectAccepted(Api.post(student("/retractions"), "{\"sequence\": 10, \"reason\": \"Credential belonged to another student\"}"));

        JsonNode corrected = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/students/S1"),
                answer -> answer.body().get("timeline").size() == 17, "correction and withdrawal").body();
        assertThat(corrected.get("current").get("demographics").get("hispanic").asBoolean()).isFalse();
        assertThat(corrected.get("timeline").get(0).get("detail").get("registration").get("demographics").get("hispanic").asBoolean()).isTrue();
        assertThat(corrected.get("timeline").get(15).get("type").asText()).isEqualTo("StudentRecordCorrected");
        assertThat(corrected.get("timeline").get(10).get("withdrawn").asBoolean()).isTrue();
        assertThat(corrected.get("timeline").get(10).get("withdrawalReason").asText()).isEqualTo("Credential belonged to another student");

        JsonNode catalogue = Api.get(platform.queryUrl() + "/api/v1/regions/" + REGION + "/pathways").body();
        assertThat(catalogue.get(0).get("definition").get("occupations").get(0).get("medianAnnualWage").asInt()).isEqualTo(42300);
    }

    @Test
    void a_second_record_of_the_same_person_in_another_system_is_linked_to_the_same_person() {
        expectAccepted(Api.put(region(""), "{\"name\": \"Journey Valley\"}"));
        expectAccepted(Api.put(region("/members/" + DISTRICT), "{\"kind\": \"K12_DISTRICT\", \"name\": \"Journey Unified\"}"));
        expectAccepted(Api.put(region("/members/" + ADULT_SCHOOL), "{\"kind\": \"ADULT_SCHOOL\"}"));
        String person = """
                {"birth_date": "2004-01-09", "school_id": "%s", "grade_level": "%s", "sex": "M", "hispanic": "N", "races": "BLACK",
                 "first_name": "%s", "last_name": "%s"}""";
        expectAccepted(Api.put(platform.commandUrl() + "/api/v1/districts/" + DISTRICT + "/students/K12-55",
                person.formatted("HS-1", "12", "Dario", "Núñez")));
        expectAccepted(Api.put(platform.commandUrl() + "/api/v1/districts/" + ADULT_SCHOOL + "/students/ADULT-9",
                person.formatted("AS-1", "AD", "DARIO", "NUNEZ")));

        JsonNode k12 = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/students/K12-55"),
                answer -> answer.status() == 200 && answer.body().get("personLinks").size() == 1, "K-12 record linked").body();
        JsonNode adult = await(() -> Api.get(platform.queryUrl() + "/api/v1/districts/" + ADULT_SCHOOL + "/students/ADULT-9"),
                answer -> answer.status() == 200 && answer.body().get("personLinks").size() == 1, "adult record linked").body();

        assertThat(adult.get("personLinks").get(0).get("personId").asText()).isEqualTo(k12.get("personLinks").get(0).get("personId").asText());
        assertThat(adult.get("personLinks").get(0).get("evidence").asText()).isEqualTo("NAME_AND_BIRTH_DATE");
        assertThat(k12.toString()).doesNotContain("Dario").doesNotContain("Núñez");
    }
}
