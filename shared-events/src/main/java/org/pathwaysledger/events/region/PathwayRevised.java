package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** The region revised a pathway; the new version applies from now on, earlier entrants keep theirs. */
@Revision("1")
public record PathwayRevised(
        RegionId regionId,
        PathwayId pathwayId,
        int version,
        PathwayDefinition definition,
        EventSource source) implements RegionEvent {
}
