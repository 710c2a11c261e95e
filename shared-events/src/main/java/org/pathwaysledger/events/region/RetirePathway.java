package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** Retire a pathway: no new enrolments from the given date. */
public record RetirePathway(
        RegionId regionId,
        PathwayId pathwayId,
        LocalDate retiredOn,
        String reason,
        EventSource source) {

    public RetirePathway {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("pathway_id", pathwayId);
        Checks.required("retired_on", retiredOn);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + pathwayId.value();
    }
}
