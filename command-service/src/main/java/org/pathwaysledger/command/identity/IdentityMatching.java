package org.pathwaysledger.command.identity;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

import java.util.List;
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
    private static final Logger log = LoggerFactory.getLogger(IdentityMatching.class);

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

    /**
     * What this processor's handlers do, for events appended without the event bus (an import batch's bulk append,
     * StudentBulkWriter), called in the batch's transaction: the same links, without Axon's per-message processor
     * machinery (a unit of work, interceptors and handler lookup per registration, 14% of an import lane). A failure is
     * logged and the batch goes on, as Axon's default error handler of a subscribing processor does.
     */
    public void matchAll(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> message : events) {
            Object payload = message.getPayload();
            try {
                if (payload instanceof StudentRegistered registered) {
                    on(registered);
                } else if (payload instanceof StudentDetailsChanged changed) {
                    on(changed);
                } else if (payload instanceof StudentRecordCorrected corrected) {
                    on(corrected);
                }
            } catch (RuntimeException e) {
                log.error("Identity matching could not link {}; the student stays unlinked until a data steward links them",
                        message.getPayloadType().getSimpleName(), e);
            }
        }
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
