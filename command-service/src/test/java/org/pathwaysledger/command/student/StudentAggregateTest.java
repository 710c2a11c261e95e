package org.pathwaysledger.command.student;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.Demographics;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.GradeLevel;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RaceCode;
import org.pathwaysledger.events.value.SchoolId;
import org.pathwaysledger.events.value.Sex;
import org.pathwaysledger.events.value.StudentId;

import java.time.LocalDate;
import java.util.List;

class StudentAggregateTest {

    static final DistrictId DISTRICT = DistrictId.of("D1");
    static final StudentId STUDENT = StudentId.of("S1");
    static final EventSource SOURCE = EventSource.api("test");
    static final LocalDate FALL = LocalDate.of(2025, 8, 20);
    static final Demographics LATINA_EL = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), true, false, true, false, false, false, false, false);
    static final StudentRegistration NINTH_GRADER = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SchoolId.of("HS1"), GradeLevel.G09, 2025, LATINA_EL);
    static final StudentRegistered REGISTERED = new StudentRegistered(DISTRICT, STUDENT, NINTH_GRADER, FALL, SOURCE);
    static final PathwayId HEALTH = PathwayId.of("HEALTH");

    private AggregateTestFixture<Student> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Student.class);
    }

    @Test
    void registering_a_new_student_records_the_registration() {
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(DISTRICT, STUDENT, NINTH_GRADER, FALL, SOURCE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(REGISTERED);
    }

    @Test
    void the_grade_9_cohort_is_derived_from_the_grade_when_not_given() {
        StudentRegistration withoutCohort = new StudentRegistration(null, LocalDate.of(2009, 3, 2), SchoolId.of("HS1"), GradeLevel.G11, null, LATINA_EL);
        fixture.givenNoPriorActivity()
                .when(new RegisterStudent(DISTRICT, STUDENT, withoutCohort, FALL, SOURCE))
                .expectEvents(new StudentRegistered(DISTRICT, STUDENT,
                        new StudentRegistration(null, LocalDate.of(2009, 3, 2), SchoolId.of("HS1"), GradeLevel.G11, 2023, LATINA_EL), FALL, SOURCE));
    }

    @Test
    void re_sending_an_identical_registration_creates_no_event() {
        fixture.given(REGISTERED)
                .when(new RegisterStudent(DISTRICT, STUDENT, NINTH_GRADER, FALL.plusDays(30), EventSource.api("again")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_changed_registration_is_recorded_as_a_change_from_its_effective_date() {
        Demographics noLongerEl = new Demographics(Sex.F, true, List.of(RaceCode.WHITE), false, false, true, false, false, false, false, false);
        StudentRegistration reclassified = new StudentRegistration(null, LocalDate.of(2011, 3, 2), SchoolId.of("HS1"), GradeLevel.G09, 2025, noLongerEl);
        LocalDate reclassifiedOn = LocalDate.of(2026, 1, 15);
        fixture.given(REGISTERED)
                .when(new RegisterStudent(DISTRICT, STUDENT, reclassified, reclassifiedOn, SOURCE))
                .expectResultMessagePayload(true)
                .expectEvents(new StudentDetailsChanged(DISTRICT, STUDENT, reclassified, reclassifiedOn, SOURCE));
    }

    @Test
    void enrolling_a_registered_student_records_the_pathway_entry() {
        fixture.given(REGISTERED)
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL, SOURCE))
                .expectResultMessagePayload(true)
                .expectEvents(new StudentEnrolledInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL, SOURCE));
    }

    @Test
    void enrolling_twice_in_the_same_pathway_is_a_no_op() {
        fixture.given(REGISTERED, new StudentEnrolledInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL, SOURCE))
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL.plusDays(3), SOURCE))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void enrolling_in_a_second_pathway_is_recorded() {
        fixture.given(REGISTERED, new StudentEnrolledInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL, SOURCE))
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, PathwayId.of("ICT"), SchoolId.of("HS1"), FALL, SOURCE))
                .expectEvents(new StudentEnrolledInPathway(DISTRICT, STUDENT, PathwayId.of("ICT"), SchoolId.of("HS1"), FALL, SOURCE));
    }

    @Test
    void enrolling_an_unregistered_student_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), FALL, SOURCE))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void a_pathway_entry_before_birth_is_refused_with_the_reason() {
        fixture.given(REGISTERED)
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), LocalDate.of(2001, 1, 1), SOURCE))
                .expectException(StudentRuleViolation.class)
                .expectExceptionMessage("entry_date: '2001-01-01' is before the student's birth date (2011-03-02); check the entry date")
                .expectNoEvents();
    }

    @Test
    void a_pathway_entry_more_than_a_year_ahead_is_refused() {
        fixture.given(REGISTERED)
                .when(new EnrollStudentInPathway(DISTRICT, STUDENT, HEALTH, SchoolId.of("HS1"), LocalDate.now().plusYears(2), SOURCE))
                .expectException(StudentRuleViolation.class)
                .expectNoEvents();
    }
}
