package org.pathwaysledger.command.identity;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.pathwaysledger.command.catalogue.RegionDirectory;
import org.pathwaysledger.events.region.LinkStudentRecord;
import org.pathwaysledger.events.student.StudentDetailsChanged;
import org.pathwaysledger.events.student.StudentEvent;
import org.pathwaysledger.events.student.StudentRecordCorrected;
import org.pathwaysledger.events.student.StudentRegistered;
import org.pathwaysledger.events.student.StudentRegistration;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.MatchEvidence;
import org.pathwaysledger.events.value.PersonId;
import org.pathwaysledger.events.value.RegionId;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Links each registered student record to its region-level person as soon as it is recorded (in the same
 * transaction): by state student id when present, otherwise by the name and birth-date hash. A student whose
 * district is in no region, or who has neither, stays unlinked until a data steward links them.
 */
@Component
@ProcessingGroup(IdentityMatching.PROCESSING_GROUP)
public class IdentityMatching {

    public static final String PROCESSING_GROUP = "identity-matching";

    private final CommandGateway commands;
    private final RegionDirectory directory;

    public IdentityMatching(CommandGateway commands, RegionDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @EventHandler
    void on(StudentRegistered event) {
        link(event, event.registration());
    }

    @EventHandler
    void on(StudentDetailsChanged event) {
        link(event, event.registration());
    }

    @EventHandler
    void on(StudentRecordCorrected event) {
        link(event, event.registration());
    }

    private void link(StudentEvent event, StudentRegistration registration) {
        if (registration.stateStudentId() == null && registration.identityMatchKey() == null) {
            // Nothing to match on: no need to ask for the region (a query per registration, at commit).
            return;
        }
        Optional<RegionId> region = directory.regionOf(event.districtId());
        if (region.isEmpty()) {
            return;
        }
        PersonId person;
        MatchEvidence evidence;
        if (registration.stateStudentId() != null) {
            person = IdentityMatchKey.personForStateStudentId(region.get(), registration.stateStudentId());
            evidence = MatchEvidence.STATE_STUDENT_ID;
        } else if (registration.identityMatchKey() != null) {
            person = IdentityMatchKey.personForNameAndBirthDate(region.get(), registration.identityMatchKey());
            evidence = MatchEvidence.NAME_AND_BIRTH_DATE;
        } else {
            return;
        }
        commands.sendAndWait(new LinkStudentRecord(region.get(), person, event.districtId(), event.studentId(), evidence,
                new EventSource(event.source().channel(), event.source().reference())));
    }
}
