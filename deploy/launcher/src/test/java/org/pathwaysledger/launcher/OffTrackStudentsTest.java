package org.pathwaysledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathwaysledger.launcher.Api.await;
import static org.pathwaysledger.launcher.Api.expectAccepted;

/**
 * The district view's off-track list (query service read model, fed from Kafka): which of a district's pathway
 * students miss a concentrator course by grade 11, work-based learning by grade 12, or 12 college credits by grade 12
 * in an early-college pathway; only the district's own students.
 */
class OffTrackStudentsTest {

    static final String REGION = "OT-REGION";
    static final String DISTRICT = "OT-USD";
    static final String OTHER_DISTRICT = "OT-USD-OTHER";
    static final String COLLEGE = "OT-CC";
    static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Platform.Ports.random());
        String region = platform.commandUrl() + "/api/v1/regions/" + REGION;
        expectAccepted(Api.put(region, "{\"name\": \"Off-track region\"}"));
        for (String district : List.of(DISTRICT, OTHER_DISTRICT)) {
            expectAccepted(Api.put(region + "/members/" + district, "{\"kind\": \"K12_DISTRICT\"}"));
        }
        expectAccepted(Api.put(region + "/members/" + COLLEGE, "{\"kind\": \"COLLEGE\"}"));
        // An early-college pathway (its college partner has a dual-enrollment agreement with the district) and one without a partner.
        expectAccepted(Api.put(region + "/pathways/OT-EARLY", """
                {"name": "Early college health", "industry_sector": "Health", "college_partner_id": "OT-CC",
                 "courses": [{"course_id": "OTH-1", "title": "Health I", "role": "INTRO"},
                             {"course_id": "OTH-2", "title": "Health II", "role": "CONCENTRATOR"}]}"""));
        expectAccepted(Api.put(region + "/pathways/OT-PLAIN", """
                {"name": "Building trades", "industry_sector": "Building",
                 "courses": [{"course_id": "OTB-1", "title": "Trades I", "role": "INTRO"},
                             {"course_id": "OTB-2", "title": "Trades II", "role": "CONCENTRATOR"}]}"""));
        expectAccepted(Api.put(region + "/agreements/OT-MOU", """
                {"kind": "DUAL_ENROLLMENT", "district_id": "OT-USD", "college_id": "OT-CC", "college_course_ids": ["HLTH-101", "HLTH-102", "HLTH-103"],
                 "effective_from": "2025-07-01", "effective_to": "2099-06-30"}"""));
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    static String student(String district, String id) {
        return platform.commandUrl() + "/api/v1/districts/" + district + "/students/" + id;
    }

    static void enrol(String district, String id, String grade, String pathway) {
        expectAccepted(Api.put(student(district, id), """
                {"birth_date": "2009-05-01", "school_id": "OT-HS", "grade_level": "%s", "sex": "F", "hispanic": "Y", "races": "WHITE",
                 "effective_date": "2025-08-15"}""".formatted(grade)));
        expectAccepted(Api.post(student(district, id) + "/pathway-enrollments", "{\"pathway_id\": \"%s\", \"school_id\": \"OT-HS\", \"entry_date\": \"2025-08-20\"}"
                .formatted(pathway)));
    }

    static void course(String id, String course, String pathway, String mark) {
        expectAccepted(Api.post(student(DISTRICT, id) + "/course-completions", """
                {"course_id": "%s", "school_year": "2025-26", "term": "FY", "pathway_id": "%s", "cte": "Y", "hours": "180", "mark": "%s"}"""
                .formatted(course, pathway, mark)));
    }

    static void credits(String id, String collegeCourse, String credits) {
        expectAccepted(Api.post(student(DISTRICT, id) + "/college-credits", """
                {"college_credit_type": "DUAL", "college_id": "OT-CC", "college_course_id": "%s", "college_credits": "%s",
                 "school_year": "2025-26", "term": "FALL", "transferable": "Y"}""".formatted(collegeCourse, credits)));
    }

    static void workBasedLearning(String id, String placement) {
        expectAccepted(Api.post(student(DISTRICT, id) + "/wbl-placements", """
                {"placement_id": "%s", "activity_type": "INTERNSHIP", "start_date": "2025-10-01", "hours": "40", "employer_name": "Clinic"}"""
                .formatted(placement)));
    }

    @Test
    void lists_the_districts_pathway_students_who_are_off_track_with_the_reasons() {
        enrol(DISTRICT, "NO-CONC-11", "11", "OT-PLAIN");
        enrol(DISTRICT, "FAILED-CONC-11", "11", "OT-PLAIN");
        course("FAILED-CONC-11", "OTB-2", "OT-PLAIN", "F");
        enrol(DISTRICT, "ON-TRACK-11", "11", "OT-PLAIN");
        course("ON-TRACK-11", "OTB-2", "OT-PLAIN", "B");
        enrol(DISTRICT, "TOO-EARLY-10", "10", "OT-PLAIN");
        enrol(DISTRICT, "FEW-CREDITS-12", "12", "OT-EARLY");
        course("FEW-CREDITS-12", "OTH-2", "OT-EARLY", "A");
        workBasedLearning("FEW-CREDITS-12", "OT-WBL-1");
        credits("FEW-CREDITS-12", "HLTH-101", "4");
        enrol(DISTRICT, "TWELVE-CREDITS-12", "12", "OT-EARLY");
        course("TWELVE-CREDITS-12", "OTH-2", "OT-EARLY", "A");
        workBasedLearning("TWELVE-CREDITS-12", "OT-WBL-2");
        credits("TWELVE-CREDITS-12", "HLTH-101", "4");
        credits("TWELVE-CREDITS-12", "HLTH-102", "4");
        credits("TWELVE-CREDITS-12", "HLTH-103", "4");
        enrol(DISTRICT, "NO-WBL-12", "12", "OT-PLAIN");
        course("NO-WBL-12", "OTB-2", "OT-PLAIN", "C");
        enrol(OTHER_DISTRICT, "OTHER-NO-CONC-11", "11", "OT-PLAIN");

        String url = platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/pathway-students?offTrack=true";
        // The read model follows the events within moments: wait until it shows the final state, then look closer.
        Map<String, List<String>> expected = Map.of("NO-CONC-11", List.of("NO_CONCENTRATOR_COURSE"), "FAILED-CONC-11", List.of("NO_CONCENTRATOR_COURSE"),
                "FEW-CREDITS-12", List.of("FEWER_THAN_12_COLLEGE_CREDITS"), "NO-WBL-12", List.of("NO_WORK_BASED_LEARNING"));
        JsonNode answer = await(() -> Api.get(url), a -> a.status() == 200 && reasons(a.body()).equals(expected)
                        && a.body().path("enrolled").asInt() == 7 && credits(Api.get(url.replace("offTrack=true", "offTrack=false")).body(), "TWELVE-CREDITS-12") == 12.0,
                "the four off-track students of the district's seven, with their reasons").body();

        JsonNode fewCredits = find(answer, "FEW-CREDITS-12");
        assertThat(fewCredits.get("collegeCredits").asDouble()).isEqualTo(4.0);
        assertThat(fewCredits.get("earlyCollege").asBoolean()).isTrue();
        assertThat(find(answer, "NO-WBL-12").get("earlyCollege").asBoolean()).isFalse();
        assertThat(answer.get("rules").findValuesAsText("rule")).containsExactly("NO_CONCENTRATOR_COURSE", "NO_WORK_BASED_LEARNING", "FEWER_THAN_12_COLLEGE_CREDITS");
        assertThat(answer.get("rules").get(0).get("students").asInt()).isEqualTo(2);
        assertThat(answer.toString()).doesNotContain("OTHER-NO-CONC-11");

        // Withdrawing the work-based learning of an on-track senior puts them on the list.
        JsonNode journey = Api.get(platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/students/TWELVE-CREDITS-12").body();
        long wblSequence = 0;
        for (JsonNode step : journey.get("timeline")) {
            if (step.get("type").asText().equals("WorkBasedLearningLogged")) {
                wblSequence = step.get("sequence").asLong();
            }
        }
        expectAccepted(Api.post(student(DISTRICT, "TWELVE-CREDITS-12") + "/retractions",
                "{\"sequence\": " + wblSequence + ", \"reason\": \"Placement belonged to another student\"}"));
        JsonNode after = await(() -> Api.get(url + "&pathway=OT-EARLY"), a -> a.body().path("offTrack").asInt() == 2, "the withdrawal applied").body();
        assertThat(toList(find(after, "TWELVE-CREDITS-12").get("reasons"))).containsExactly("NO_WORK_BASED_LEARNING");

        Api.Answer bad = Api.get(platform.queryUrl() + "/api/v1/districts/" + DISTRICT + "/pathway-students?offTrack=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("detail").asText()).contains("offTrack");
    }

    private static Map<String, List<String>> reasons(JsonNode answer) {
        Map<String, List<String>> reasons = new HashMap<>();
        answer.path("students").forEach(s -> reasons.put(s.get("studentId").asText(), toList(s.get("reasons"))));
        return reasons;
    }

    private static double credits(JsonNode answer, String studentId) {
        for (JsonNode s : answer.path("students")) {
            if (s.get("studentId").asText().equals(studentId)) {
                return s.get("collegeCredits").asDouble();
            }
        }
        return -1;
    }

    private static JsonNode find(JsonNode answer, String studentId) {
        for (JsonNode s : answer.get("students")) {
            if (s.get("studentId").asText().equals(studentId)) {
                return s;
            }
        }
        throw new AssertionError("No student " + studentId + " in " + answer);
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
