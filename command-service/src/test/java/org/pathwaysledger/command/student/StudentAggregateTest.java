package org.pathwaysledger.command.student;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.command.catalogue.InMemoryRegionDirectory;
import org.pathwaysledger.events.student.AssertPathwayStatus;
import org.pathwaysledger.events.student.AwardCollegeCredit;
import org.pathwaysledger.events.student.CollegeCreditEarned;
import org.pathwaysledger.events.student.CorrectStudentRecord;
import org.pathwaysledger.events.student.CourseCompleted;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.ExitStudentFromPathway;
import org.pathwaysledger.events.student.HighSchoolCompleted;
import org.pathwaysledger.events.student.IndustryCredentialEarned;
import org.pathwaysledger.events.student.LogWorkBasedLearning;
import org.pathwaysledger.events.student.PathwayStatusReached;
import org.pathwaysledger.events.student.QuarterlyWageRecorded;
import org.pathwaysledger.events.student.RecordCourseCompletion;
import org.pathwaysledger.events.student.RecordIndustryCredential;
import org.pathwaysledger.events.student.RecordMilestone;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.RetractStudentFact;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentExitedPathway;
import org.pathwaysledger.events.student.StudentFactRetracted;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.student.WorkBasedLearningLogged;
import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.AgreementKind;
import org.pathwaysledger.events.value.CollegeCreditType;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.ContinuumStage;
import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.CredentialId;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.ExitReason;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.Mark;
import org.pathwaysledger.events.value.Milestone;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PathwayStatus;
import org.pathwaysledger.events.value.PlacementId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.SchoolYear;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;
import org.pathwaysledger.events.value.WblActivityType;
import org.pathwaysledger.events.value.YearQuarter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Every rule of the Student aggregate, as given events / when command / then events or refusal. */
class StudentAggregateTest {

    static final RegionId REGION = RegionId.of("R1");
    static final DistrictId DISTRICT = DistrictId.of("D1");
    static final StudentId STUDENT = StudentId.of("S1");
    static final EventSource SOURCE = EventSource.api("test");
    static final EventSource OTHER_SOURCE = new EventSource(EventSource.Channel.IMPORT, "import-7#line-3");
    static final LocalDate FALL = LocalDate.of(2025, 8, 20);
    static final SchoolId SCHOOL = SchoolId.of("HS1");
    static final Demographics LATINA_EL = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), true, false, true, false, false, false, false, false);
    static final StudentRegistration NINTH_GRADER = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SCHOOL, GradeLevel.G09, 2025, LATINA_EL);
    static final StudentRegistered REGISTERED = new StudentRegistered(DISTRICT, STUDENT, NINTH_GRADER, FALL, SOURCE);
    static final PathwayId HEALTH = PathwayId.of("HEALTH");
    static final PathwayId ICT = PathwayId.of("ICT");
    static final PathwayId CA_HEALTH = PathwayId.of("CA-HEALTH");
    static final PathwayId OLD = PathwayId.of("OLD");
    static final CourseId INTRO = CourseId.of("MED-1");
    static final CourseId CAPSTONE = CourseId.of("MED-3");
    static final SchoolYear YEAR = SchoolYear.of("2025-26");
    static final CollegeId COLLEGE = CollegeId.of("CC1");
    static final StudentEnrolledInPathway IN_HEALTH = new StudentEnrolledInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL, 2, SOURCE);
    static final StudentEnrolledInPathway IN_CA_HEALTH = new StudentEnrolledInPathway(DISTRICT, STUDENT, CA_HEALTH, SCHOOL, FALL, 1, SOURCE);

    private AggregateTestFixture<Student> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Student.class);
        fixture.registerInjectableResource(new InMemoryRegionDirectory()
                .member(REGION, DISTRICT)
                .pathway(REGION, HEALTH, 2, CompletionRule.PERKINS_TWO_COURSES, null, Map.of(INTRO, CourseRole.INTRO))
                .pathway(REGION, ICT, 1, CompletionRule.PERKINS_TWO_COURSES, null, Map.of())
                .pathway(REGION, CA_HEALTH, 1, CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE, null, Map.of(CAPSTONE, CourseRole.CAPSTONE))
                .pathway(REGION, OLD, 3, CompletionRule.PERKINS_TWO_COURSES, LocalDate.of(2025, 6, 30), Map.of())
                .agreement(AgreementId.of("MOU-1"), DISTRICT, COLLEGE, "HLTH-101", AgreementKind.DUAL_ENROLLMENT,
                        LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30)));
    }

    static RecordCourseCompletion course(CourseId id, PathwayId pathway, CourseRole role, String hours, String mark, EventSource source) {
        return new RecordCourseCompletion(DISTRICT, STUDENT, id, null, YEAR, "S1", GradeLevel.G09, pathway, role, true,
                null, BigDecimal.ONE, hours == null ? null : new BigDecimal(hours), mark == null ? null : Mark.of(mark), source);
    }

    static CourseCompleted completed(RecordCourseCompletion c, PathwayId pathway) {
        return new CourseCompleted(DISTRICT, STUDENT, c.courseId(), c.courseTitle(), c.schoolYear(), c.term(), c.gradeLevel(), pathway,
                c.courseRole(), c.cte(), c.creditsAttempted(), c.creditsEarned(), c.hours(), c.mark(), c.source());
    }

    static PathwayStatusReached derived(PathwayId pathway, PathwayStatus status, CompletionRule rule) {
        return new PathwayStatusReached(DISTRICT, STUDENT, pathway, status, YEAR.lastDay(), true, rule, SOURCE);
    }

    @Nested
    class Registration {

        @Test
        void registering_a_new_student_records_the_registration() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterStudent(DISTRICT, STUDENT, NINTH_GRADER, FALL, SOURCE))
                    .expectResultMessagePayload(true)
                    .expectEvents(REGISTERED);
        }

        @Test
        void the_grade_9_cohort_is_derived_from_the_grade_when_not_given() {
            StudentRegistration withoutCohort = new StudentRegistration(null, LocalDate.of(2009, 3, 2), SCHOOL, GradeLevel.G11, null, LATINA_EL);
            fixture.givenNoPriorActivity()
                    .when(new RegisterStudent(DISTRICT, STUDENT, withoutCohort, FALL, SOURCE))
                    .expectEvents(new StudentRegistered(DISTRICT, STUDENT,
                            new StudentRegistration(null, LocalDate.of(2009, 3, 2), SCHOOL, GradeLevel.G11, 2023, LATINA_EL), FALL, SOURCE));
        }

        @Test
        void re_sending_an_identical_registration_creates_no_event() {
            fixture.given(REGISTERED)
                    .when(new RegisterStudent(DISTRICT, STUDENT, NINTH_GRADER, FALL.plusDays(30), EventSource.api("again")))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void a_changed_registration_is_recorded_as_a_change_from_its_effective_date() {
            Demographics noLongerEl = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), false, false, true, false, false, false, false, false);
            StudentRegistration reclassified = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SCHOOL, GradeLevel.G09, 2025, noLongerEl);
            LocalDate reclassifiedOn = LocalDate.of(2026, 1, 15);
            fixture.given(REGISTERED)
                    .when(new RegisterStudent(DISTRICT, STUDENT, reclassified, reclassifiedOn, SOURCE))
                    .expectResultMessagePayload(true)
                    .expectEvents(new StudentDetailsChanged(DISTRICT, STUDENT, reclassified, reclassifiedOn, SOURCE));
        }

        @Test
        void other_values_for_the_date_already_recorded_are_a_correction_with_the_source_as_evidence() {
            Demographics notEl = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), false, false, true, false, false, false, false, false);
            StudentRegistration restated = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SCHOOL, GradeLevel.G09, 2025, notEl);
            fixture.given(REGISTERED)
                    .when(new RegisterStudent(DISTRICT, STUDENT, restated, FALL, OTHER_SOURCE))
                    .expectEvents(new StudentRecordCorrected(DISTRICT, STUDENT, restated, FALL,
                            "Restated for 2025-08-20 by IMPORT import-7#line-3", OTHER_SOURCE));
        }

        @Test
        void a_correction_replaces_the_record_from_its_date_and_keeps_the_reason() {
            Demographics notHispanic = new Demographics(Sex.F, false, List.of(RaceCode.WHITE), true, false, true, false, false, false, false, false);
            StudentRegistration corrected = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SCHOOL, GradeLevel.G09, 2025, notHispanic);
            fixture.given(REGISTERED)
                    .when(new CorrectStudentRecord(DISTRICT, STUDENT, corrected, FALL, "Parent amendment request 2025-14: ethnicity misreported", SOURCE))
                    .expectResultMessagePayload(true)
                    .expectEvents(new StudentRecordCorrected(DISTRICT, STUDENT, corrected, FALL, "Parent amendment request 2025-14: ethnicity misreported", SOURCE));
        }

        @Test
        void an_identical_correction_is_a_no_op() {
            fixture.given(REGISTERED)
                    .when(new CorrectStudentRecord(DISTRICT, STUDENT, NINTH_GRADER, FALL, "no change", SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }
    }

    @Nested
    class Enrolment {

        @Test
        void enrolling_records_the_entry_under_the_pathway_version_in_the_catalogue() {
            fixture.given(REGISTERED)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL, SOURCE))
                    .expectResultMessagePayload(true)
                    .expectEvents(IN_HEALTH);
        }

        @Test
        void enrolling_twice_in_the_same_pathway_is_a_no_op() {
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL.plusDays(3), SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void enrolling_in_a_second_pathway_is_recorded() {
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, ICT, SCHOOL, FALL, SOURCE))
                    .expectEvents(new StudentEnrolledInPathway(DISTRICT, STUDENT, ICT, SCHOOL, FALL, 1, SOURCE));
        }

        @Test
        void enrolling_an_unregistered_student_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL, SOURCE))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pathway_entry_before_birth_is_refused_with_the_reason() {
            fixture.given(REGISTERED)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, LocalDate.of(2001, 1, 1), SOURCE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("entry_date: '2001-01-01' is before the student's birth date (2011-03-02); check the entry date")
                    .expectNoEvents();
        }

        @Test
        void a_pathway_entry_more_than_a_year_ahead_is_refused() {
            fixture.given(REGISTERED)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, LocalDate.now().plusYears(2), SOURCE))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void enrolling_in_a_retired_pathway_is_refused() {
            fixture.given(REGISTERED)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, OLD, SCHOOL, FALL, SOURCE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("pathway_id: 'OLD' was retired on 2025-06-30; no enrolments from that date")
                    .expectNoEvents();
        }

        @Test
        void enrolling_in_a_pathway_outside_the_catalogue_is_refused() {
            fixture.given(REGISTERED)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, PathwayId.of("NOPE"), SCHOOL, FALL, SOURCE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("pathway_id: 'NOPE' is not in the pathway catalogue of region R1; use a pathway id the region has defined");
        }

        @Test
        void a_student_of_a_district_outside_any_region_cannot_enrol() {
            DistrictId outsider = DistrictId.of("D9");
            fixture.given(new StudentRegistered(outsider, STUDENT, NINTH_GRADER, FALL, SOURCE))
                    .when(new EnrollStudentInPathway(outsider, STUDENT, HEALTH, SCHOOL, FALL, SOURCE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("district_id: 'D9' is not a member of any region; ask the region to add the district first");
        }

        @Test
        void an_exit_before_the_entry_is_refused() {
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(new ExitStudentFromPathway(DISTRICT, STUDENT, HEALTH, FALL.minusDays(1), ExitReason.MOVED, SOURCE))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("exit_date: '2025-08-19' is before the entry date 2025-08-20; an exit cannot come before the entry")
                    .expectNoEvents();
        }

        @Test
        void an_exit_from_a_pathway_never_entered_is_refused() {
            fixture.given(REGISTERED)
                    .when(new ExitStudentFromPathway(DISTRICT, STUDENT, HEALTH, FALL, ExitReason.MOVED, SOURCE))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void an_exit_is_recorded_once() {
            StudentExitedPathway exited = new StudentExitedPathway(DISTRICT, STUDENT, HEALTH, LocalDate.of(2026, 2, 1), ExitReason.TRANSFERRED, SOURCE);
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(new ExitStudentFromPathway(DISTRICT, STUDENT, HEALTH, LocalDate.of(2026, 2, 1), ExitReason.TRANSFERRED, SOURCE))
                    .expectEvents(exited);
            fixture.given(REGISTERED, IN_HEALTH, exited)
                    .when(new ExitStudentFromPathway(DISTRICT, STUDENT, HEALTH, LocalDate.of(2026, 2, 1), ExitReason.TRANSFERRED, OTHER_SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void re_sending_the_enrolment_an_exit_closed_is_a_no_op() {
            StudentExitedPathway exited = new StudentExitedPathway(DISTRICT, STUDENT, HEALTH, LocalDate.of(2026, 2, 1), ExitReason.MOVED, SOURCE);
            fixture.given(REGISTERED, IN_HEALTH, exited)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL, OTHER_SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void a_student_who_left_can_re_enter_after_the_exit_but_not_before() {
            StudentExitedPathway exited = new StudentExitedPathway(DISTRICT, STUDENT, HEALTH, LocalDate.of(2026, 2, 1), ExitReason.MOVED, SOURCE);
            fixture.given(REGISTERED, IN_HEALTH, exited)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, LocalDate.of(2026, 3, 1), SOURCE))
                    .expectEvents(new StudentEnrolledInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, LocalDate.of(2026, 3, 1), 2, SOURCE));
            fixture.given(REGISTERED, IN_HEALTH, exited)
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, LocalDate.of(2026, 1, 1), SOURCE))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class CoursesAndPathwayStatus {

        @Test
        void a_first_cte_course_makes_a_perkins_participant_and_a_second_a_concentrator() {
            RecordCourseCompletion first = course(INTRO, HEALTH, CourseRole.INTRO, "60", "B", SOURCE);
            RecordCourseCompletion second = course(CourseId.of("MED-2"), HEALTH, CourseRole.CONCENTRATOR, "60", "C", SOURCE);
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(first)
                    .expectEvents(completed(first, HEALTH), derived(HEALTH, PathwayStatus.PARTICIPANT, CompletionRule.PERKINS_TWO_COURSES));
            fixture.given(REGISTERED, IN_HEALTH, completed(first, HEALTH), derived(HEALTH, PathwayStatus.PARTICIPANT, CompletionRule.PERKINS_TWO_COURSES))
                    .when(second)
                    .expectEvents(completed(second, HEALTH), derived(HEALTH, PathwayStatus.CONCENTRATOR, CompletionRule.PERKINS_TWO_COURSES));
        }

        @Test
        void a_failed_course_does_not_count_towards_the_pathway() {
            RecordCourseCompletion failed = course(INTRO, HEALTH, CourseRole.INTRO, "60", "F", SOURCE);
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(failed)
                    .expectEvents(completed(failed, HEALTH));
        }

        @Test
        void a_course_without_a_pathway_counts_for_the_enrolled_pathway_whose_sequence_lists_it_with_its_role_there() {
            RecordCourseCompletion unlabelled = course(INTRO, null, null, "60", "A", SOURCE);
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(unlabelled)
                    .expectEvents(completed(course(INTRO, null, CourseRole.INTRO, "60", "A", SOURCE), HEALTH), derived(HEALTH, PathwayStatus.PARTICIPANT, CompletionRule.PERKINS_TWO_COURSES));
        }

        @Test
        void the_same_course_sent_again_from_another_source_is_a_no_op_and_a_changed_mark_is_a_revision() {
            RecordCourseCompletion first = course(INTRO, HEALTH, CourseRole.INTRO, "60", "B", SOURCE);
            fixture.given(REGISTERED, IN_HEALTH, completed(first, HEALTH), derived(HEALTH, PathwayStatus.PARTICIPANT, CompletionRule.PERKINS_TWO_COURSES))
                    .when(course(INTRO, HEALTH, CourseRole.INTRO, "60", "B", OTHER_SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
            RecordCourseCompletion regraded = course(INTRO, HEALTH, CourseRole.INTRO, "60", "A", SOURCE);
            fixture.given(REGISTERED, IN_HEALTH, completed(first, HEALTH), derived(HEALTH, PathwayStatus.PARTICIPANT, CompletionRule.PERKINS_TWO_COURSES))
                    .when(regraded)
                    .expectEvents(completed(regraded, HEALTH));
        }

        @Test
        void california_completer_needs_300_hours_and_a_capstone_passed_with_c_minus_or_better() {
            RecordCourseCompletion first = course(CourseId.of("MED-1"), CA_HEALTH, CourseRole.INTRO, "180", "B", SOURCE);
            RecordCourseCompletion capstone = course(CAPSTONE, CA_HEALTH, CourseRole.CAPSTONE, "180", "C-", SOURCE);
            CompletionRule rule = CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE;
            fixture.given(REGISTERED, IN_CA_HEALTH, completed(first, CA_HEALTH), derived(CA_HEALTH, PathwayStatus.PARTICIPANT, rule))
                    .when(capstone)
                    .expectEvents(completed(capstone, CA_HEALTH), derived(CA_HEALTH, PathwayStatus.CONCENTRATOR, rule),
                            derived(CA_HEALTH, PathwayStatus.COMPLETER, rule));
        }

        @Test
        void a_capstone_passed_with_d_is_not_a_california_completion() {
            RecordCourseCompletion first = course(CourseId.of("MED-1"), CA_HEALTH, CourseRole.INTRO, "180", "B", SOURCE);
            RecordCourseCompletion capstone = course(CAPSTONE, CA_HEALTH, CourseRole.CAPSTONE, "180", "D", SOURCE);
            CompletionRule rule = CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE;
            fixture.given(REGISTERED, IN_CA_HEALTH, completed(first, CA_HEALTH), derived(CA_HEALTH, PathwayStatus.PARTICIPANT, rule))
                    .when(capstone)
                    .expectEvents(completed(capstone, CA_HEALTH), derived(CA_HEALTH, PathwayStatus.CONCENTRATOR, rule));
        }

        @Test
        void a_district_can_assert_a_status_with_its_rule_once() {
            PathwayStatusReached asserted = new PathwayStatusReached(DISTRICT, STUDENT, HEALTH, PathwayStatus.COMPLETER,
                    LocalDate.of(2028, 6, 10), false, CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE, SOURCE);
            fixture.given(REGISTERED, IN_HEALTH)
                    .when(new AssertPathwayStatus(DISTRICT, STUDENT, HEALTH, PathwayStatus.COMPLETER, LocalDate.of(2028, 6, 10),
                            CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE, SOURCE))
                    .expectEvents(asserted);
            fixture.given(REGISTERED, IN_HEALTH, asserted)
                    .when(new AssertPathwayStatus(DISTRICT, STUDENT, HEALTH, PathwayStatus.COMPLETER, LocalDate.of(2028, 6, 11),
                            CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE, SOURCE))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }

        @Test
        void a_status_in_a_pathway_never_entered_is_refused() {
            fixture.given(REGISTERED)
                    .when(new AssertPathwayStatus(DISTRICT, STUDENT, HEALTH, PathwayStatus.CONCENTRATOR, FALL, CompletionRule.PERKINS_TWO_COURSES, SOURCE))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class CollegeCredit {

        static AwardCollegeCredit award(String collegeCourse, CollegeCreditType type) {
            return new AwardCollegeCredit(DISTRICT, STUDENT, type, COLLEGE, collegeCourse, new BigDecimal("3"), YEAR, "FALL", true, INTRO, SOURCE);
        }

        @Test
        void credit_under_an_active_agreement_is_recorded_with_the_agreement() {
            fixture.given(REGISTERED)
                    .when(award("HLTH-101", CollegeCreditType.DUAL))
                    .expectEvents(new CollegeCreditEarned(DISTRICT, STUDENT, CollegeCreditType.DUAL, COLLEGE, "HLTH-101", new BigDecimal("3"),
                            YEAR, "FALL", true, AgreementId.of("MOU-1"), INTRO, SOURCE));
        }

        @Test
        void credit_without_an_active_agreement_is_refused_with_a_clear_reason() {
            fixture.given(REGISTERED)
                    .when(award("HLTH-999", CollegeCreditType.DUAL))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("college_course_id: 'HLTH-999' is not covered by an active dual-enrollment agreement between district D1 "
                            + "and college CC1 in 2025-26; the region must record the agreement before this credit can be awarded")
                    .expectNoEvents();
        }

        @Test
        void articulated_credit_needs_an_articulation_agreement_not_a_dual_enrollment_one() {
            fixture.given(REGISTERED)
                    .when(award("HLTH-101", CollegeCreditType.ARTICULATED))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void credit_outside_the_agreement_years_is_refused() {
            fixture.given(REGISTERED)
                    .when(new AwardCollegeCredit(DISTRICT, STUDENT, CollegeCreditType.DUAL, COLLEGE, "HLTH-101", new BigDecimal("3"),
                            SchoolYear.of("2028-29"), "FALL", true, null, SOURCE))
                    .expectException(RuleViolation.class);
        }

        @Test
        void the_same_credit_sent_again_is_a_no_op() {
            fixture.given(REGISTERED, new CollegeCreditEarned(DISTRICT, STUDENT, CollegeCreditType.DUAL, COLLEGE, "HLTH-101",
                            new BigDecimal("3"), YEAR, "FALL", true, AgreementId.of("MOU-1"), INTRO, SOURCE))
                    .when(award("HLTH-101", CollegeCreditType.DUAL))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
        }
    }

    @Nested
    class WorkBasedLearningCredentialsAndOutcomes {

        @Test
        void a_placement_takes_its_continuum_stage_from_its_type_when_not_given_and_is_recorded_once() {
            LogWorkBasedLearning internship = new LogWorkBasedLearning(DISTRICT, STUDENT, PlacementId.of("WBL-1"), WblActivityType.INTERNSHIP,
                    null, "EMP-9", "Valley Clinic", "Health", LocalDate.of(2026, 6, 15), LocalDate.of(2026, 8, 1), new BigDecimal("120"),
                    true, "10", "Excellent", SOURCE);
            WorkBasedLearningLogged logged = new WorkBasedLearningLogged(DISTRICT, STUDENT, PlacementId.of("WBL-1"), WblActivityType.INTERNSHIP,
                    ContinuumStage.PREPARATION, "EMP-9", "Valley Clinic", "Health", LocalDate.of(2026, 6, 15), LocalDate.of(2026, 8, 1),
                    new BigDecimal("120"), true, "10", "Excellent", SOURCE);
            fixture.given(REGISTERED).when(internship).expectEvents(logged);
            fixture.given(REGISTERED, logged).when(internship).expectResultMessagePayload(false).expectNoEvents();
        }

        @Test
        void an_industry_credential_is_recorded_once() {
            RecordIndustryCredential cna = new RecordIndustryCredential(DISTRICT, STUDENT, CredentialId.of("CNA"), "Certified Nursing Assistant",
                    "CDPH", true, LocalDate.of(2027, 5, 1), SOURCE);
            IndustryCredentialEarned earned = new IndustryCredentialEarned(DISTRICT, STUDENT, CredentialId.of("CNA"), "Certified Nursing Assistant",
                    "CDPH", true, LocalDate.of(2027, 5, 1), SOURCE);
            fixture.given(REGISTERED).when(cna).expectEvents(earned);
            fixture.given(REGISTERED, earned).when(cna).expectNoEvents();
        }

        @Test
        void milestones_become_high_school_completion_and_wage_records() {
            fixture.given(REGISTERED)
                    .when(new RecordMilestone(DISTRICT, STUDENT, Milestone.HS_DIPLOMA, LocalDate.of(2029, 6, 5), null, "Standard", null, null, SOURCE))
                    .expectEvents(new HighSchoolCompleted(DISTRICT, STUDENT, Milestone.HS_DIPLOMA, LocalDate.of(2029, 6, 5), "Standard", SOURCE));
            fixture.given(REGISTERED)
                    .when(new RecordMilestone(DISTRICT, STUDENT, Milestone.EMPLOYED, LocalDate.of(2030, 4, 1), "EMP-9", null,
                            YearQuarter.of("2030Q2"), new BigDecimal("9800"), SOURCE))
                    .expectEvents(new QuarterlyWageRecorded(DISTRICT, STUDENT, YearQuarter.of("2030Q2"), new BigDecimal("9800"), "EMP-9", SOURCE));
        }

        @Test
        void a_milestone_before_birth_is_refused() {
            fixture.given(REGISTERED)
                    .when(new RecordMilestone(DISTRICT, STUDENT, Milestone.HS_DIPLOMA, LocalDate.of(2001, 6, 5), null, null, null, null, SOURCE))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class Retraction {

        static final IndustryCredentialEarned WRONG_CREDENTIAL = new IndustryCredentialEarned(DISTRICT, STUDENT, CredentialId.of("CNA"),
                "Certified Nursing Assistant", "CDPH", true, LocalDate.of(2027, 5, 1), SOURCE);

        @Test
        void a_wrong_fact_is_withdrawn_by_its_sequence_with_the_reason() {
            fixture.given(REGISTERED, WRONG_CREDENTIAL)
                    .when(new RetractStudentFact(DISTRICT, STUDENT, 1, "Reported for the wrong student", SOURCE))
                    .expectEvents(new StudentFactRetracted(DISTRICT, STUDENT, 1, "IndustryCredentialEarned", "Reported for the wrong student", SOURCE));
        }

        @Test
        void a_withdrawn_fact_can_be_reported_again_and_an_unknown_sequence_is_refused() {
            StudentFactRetracted retracted = new StudentFactRetracted(DISTRICT, STUDENT, 1, "IndustryCredentialEarned", "wrong student", SOURCE);
            fixture.given(REGISTERED, WRONG_CREDENTIAL, retracted)
                    .when(new RecordIndustryCredential(DISTRICT, STUDENT, CredentialId.of("CNA"), "Certified Nursing Assistant", "CDPH", true,
                            LocalDate.of(2027, 5, 1), SOURCE))
                    .expectEvents(WRONG_CREDENTIAL);
            fixture.given(REGISTERED, WRONG_CREDENTIAL, retracted)
                    .when(new RetractStudentFact(DISTRICT, STUDENT, 1, "again", SOURCE))
                    .expectException(RuleViolation.class);
        }

        @Test
        void withdrawing_an_enrolment_leaves_the_student_free_to_enrol() {
            fixture.given(REGISTERED, IN_HEALTH, new StudentFactRetracted(DISTRICT, STUDENT, 1, "StudentEnrolledInPathway", "wrong pathway", SOURCE))
                    .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SCHOOL, FALL, SOURCE))
                    .expectEvents(IN_HEALTH);
        }
    }
}
