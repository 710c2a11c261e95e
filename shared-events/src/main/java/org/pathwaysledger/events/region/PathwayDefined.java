package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** The region added a pathway to its catalogue (version 1). */
@Revision("1")
public record PathwayDefined(
        RegionId regionId,
        PathwayId pathwayId,
        int version,
        PathwayDefinition definition,
        EventSource source) implements RegionEvent {
}
