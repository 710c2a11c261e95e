package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Add a pathway to the region's catalogue, or revise it (a new version) when it exists. */
public record DefinePathway(
        RegionId regionId,
        PathwayId pathwayId,
        PathwayDefinition definition,
        EventSource source) {

    public DefinePathway {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("pathway_id", pathwayId);
        Checks.required("definition", definition);
        Checks.required("name", definition.name());
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value() + "/" + pathwayId.value();
    }
}
