package org.pathwaysledger.command.student;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.events.student.EnrollStudentInPathway;
import org.pathwaysledger.events.student.RegisterStudent;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEnrolledInPathway;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.StudentKey;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One student of one district, as the ledger knows them. It decides which of a district's statements are new facts:
 * a repeated statement is answered {@code false} and leaves the log untouched, so re-sending never double counts.
 */
@Aggregate
public class Student {

    /** How far ahead of today a district may date a pathway entry (next term's enrolments are sent early). */
    static final int MAX_DAYS_AHEAD = 366;

    @AggregateIdentifier
    private StudentKey studentKey;
    private StudentRegistration registration;
    private final Set<PathwayId> activePathways = new HashSet<>();

    protected Student() {
        // Rebuilt from its events by Axon.
    }

    /** Registers the student, or records what changed since the last statement; {@code false} when nothing did. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterStudent command) {
        StudentRegistration stated = command.registration().withDerivedCohortYear(command.effectiveDate());
        if (studentKey == null) {
            apply(new StudentRegistered(command.districtId(), command.studentId(), stated, command.effectiveDate(), command.source()));
            return true;
        }
        if (stated.equals(registration)) {
            return false;
        }
        apply(new StudentDetailsChanged(command.districtId(), command.studentId(), stated, command.effectiveDate(), command.source()));
        return true;
    }

    /** Enrols the student in a pathway; {@code false} when the student is already enrolled in it. */
    @CommandHandler
    public boolean handle(EnrollStudentInPathway command) {
        LocalDate entry = command.entryDate();
        if (entry.isBefore(registration.birthDate())) {
            throw new StudentRuleViolation("entry_date", entry.toString(),
                    "is before the student's birth date (" + registration.birthDate() + "); check the entry date");
        }
        if (entry.isAfter(LocalDate.now().plusDays(MAX_DAYS_AHEAD))) {
            throw new StudentRuleViolation("entry_date", entry.toString(),
                    "is more than a year from today; send enrolments at most one school year ahead");
        }
        if (activePathways.contains(command.pathwayId())) {
            return false;
        }
        apply(new StudentEnrolledInPathway(command.districtId(), command.studentId(), command.pathwayId(),
                command.schoolId(), entry, command.source()));
        return true;
    }

    @EventSourcingHandler
    void on(StudentRegistered event) {
        studentKey = event.studentKey();
        registration = event.registration();
    }

    @EventSourcingHandler
    void on(StudentDetailsChanged event) {
        registration = event.registration();
    }

    @EventSourcingHandler
    void on(StudentEnrolledInPathway event) {
        activePathways.add(event.pathwayId());
    }
}
