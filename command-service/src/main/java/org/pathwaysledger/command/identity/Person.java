package org.pathwaysledger.command.identity;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.events.region.LinkStudentRecord;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.region.StudentRecordUnlinked;
import org.pathwaysledger.events.region.UnlinkStudentRecord;
import org.pathwaysledger.events.value.StudentKey;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person as the region knows them across systems (K-12 district, adult school, college): the student records
 * linked to them. Every link and unlink is an event with its evidence, so outcomes follow the person.
 */
@Aggregate
public class Person {

    @AggregateIdentifier
    private String personKey;
    private final Set<StudentKey> records = new HashSet<>();

    protected Person() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(LinkStudentRecord command) {
        StudentKey record = new StudentKey(command.districtId(), command.studentId());
        if (records.contains(record)) {
            return false;
        }
        apply(new StudentRecordLinked(command.regionId(), command.personId(), command.districtId(), command.studentId(),
                command.evidence(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(UnlinkStudentRecord command) {
        StudentKey record = new StudentKey(command.districtId(), command.studentId());
        if (!records.contains(record)) {
            throw new RuleViolation("student_id", command.studentId().value(),
                    "is not linked to person " + command.personId() + " in district " + command.districtId());
        }
        apply(new StudentRecordUnlinked(command.regionId(), command.personId(), command.districtId(), command.studentId(),
                command.reason(), command.source()));
        return true;
    }

    @EventSourcingHandler
    void on(StudentRecordLinked event) {
        personKey = event.regionId().value() + "/" + event.personId().value();
        records.add(new StudentKey(event.districtId(), event.studentId()));
    }

    @EventSourcingHandler
    void on(StudentRecordUnlinked event) {
        records.remove(new StudentKey(event.districtId(), event.studentId()));
    }
}
