package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** End an agreement early. */
public record EndCollegeAgreement(
        RegionId regionId,
        AgreementId agreementId,
        LocalDate endedOn,
        String reason,
        EventSource source) {

    public EndCollegeAgreement {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("agreement_id", agreementId);
        Checks.required("ended_on", endedOn);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + agreementId.value();
    }
}
