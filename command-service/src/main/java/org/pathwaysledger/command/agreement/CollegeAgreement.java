package org.pathwaysledger.command.agreement;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.command.catalogue.RegionDirectory;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.events.region.CollegeAgreementEnded;
import org.pathwaysledger.events.region.CollegeAgreementSigned;
import org.pathwaysledger.events.region.EndCollegeAgreement;
import org.pathwaysledger.events.region.SignCollegeAgreement;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A dual-enrollment (MOU) or articulation agreement between a district and a college of the same region. Its terms
 * are fixed once signed: a new term is a new agreement. It can end early.
 */
@Aggregate
public class CollegeAgreement {

    @AggregateIdentifier
    private String agreementKey;
    private SignCollegeAgreement signed;
    private LocalDate effectiveTo;

    protected CollegeAgreement() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SignCollegeAgreement command, RegionDirectory directory) {
        if (agreementKey != null) {
            if (sameTerms(command)) {
                return false;
            }
            throw new RuleViolation("agreement_id", command.agreementId().value(),
                    "is already recorded with other terms; a changed agreement is a new agreement with its own id");
        }
        requireMember(directory, command, command.districtId().value(), "district_id");
        requireMember(directory, command, command.collegeId().value(), "college_id");
        apply(new CollegeAgreementSigned(command.regionId(), command.agreementId(), command.kind(), command.districtId(),
                command.collegeId(), command.collegeCourseIds(), command.highSchoolCourseIds() == null ? java.util.List.of() : command.highSchoolCourseIds(),
                command.effectiveFrom(), command.effectiveTo(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(EndCollegeAgreement command) {
        if (!command.endedOn().isBefore(effectiveTo)) {
            return false;
        }
        apply(new CollegeAgreementEnded(command.regionId(), command.agreementId(), command.endedOn(), command.reason(), command.source()));
        return true;
    }

    private static void requireMember(RegionDirectory directory, SignCollegeAgreement command, String member, String field) {
        boolean inRegion = directory.regionOf(org.pathwaysledger.events.value.DistrictId.of(member))
                .filter(region -> region.equals(command.regionId()))
                .isPresent();
        if (!inRegion) {
            throw new RuleViolation(field, member, "is not a member of region " + command.regionId() + "; add it to the region first");
        }
    }

    private boolean sameTerms(SignCollegeAgreement command) {
        return signed.kind() == command.kind() && signed.districtId().equals(command.districtId())
                && signed.collegeId().equals(command.collegeId()) && signed.collegeCourseIds().equals(command.collegeCourseIds())
                && signed.effectiveFrom().equals(command.effectiveFrom()) && signed.effectiveTo().equals(command.effectiveTo());
    }

    @EventSourcingHandler
    void on(CollegeAgreementSigned event) {
        agreementKey = event.regionId().value() + "/" + event.agreementId().value();
        signed = new SignCollegeAgreement(event.regionId(), event.agreementId(), event.kind(), event.districtId(), event.collegeId(),
                event.collegeCourseIds(), event.highSchoolCourseIds(), event.effectiveFrom(), event.effectiveTo(), event.source());
        effectiveTo = event.effectiveTo();
    }

    @EventSourcingHandler
    void on(CollegeAgreementEnded event) {
        effectiveTo = event.endedOn();
    }
}
