package org.pathwaysledger.events.region;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.util.Objects;

/** Add a district, adult school or college to a region. */
public record AddRegionMember(
        RegionId regionId,
        String memberId,
        MemberKind kind,
        String name,
        EventSource source) {

    public AddRegionMember {
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(source, "source");
        Checks.required("member_id", memberId);
        Checks.required("kind", kind);
        DistrictId.of(memberId);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return regionId.value();
    }
}
