package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** A district, adult school or college joined the region. */
@Revision("1")
public record RegionMemberAdded(
        RegionId regionId,
        String memberId,
        MemberKind kind,
        String name,
        EventSource source) implements RegionEvent {
}
