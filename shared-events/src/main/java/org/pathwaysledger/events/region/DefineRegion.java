package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Set up a region (or rename it). */
public record DefineRegion(
        RegionId regionId,
        String name,
        EventSource source) {

    public DefineRegion {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("name", name);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value();
    }
}
