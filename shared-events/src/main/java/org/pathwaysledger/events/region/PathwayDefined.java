package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.List;

/** The region added a pathway to its catalogue (version 1). */
@Revision("1")
public record PathwayDefined(
        RegionId regionId,
        PathwayId pathwayId,
        int version,
        PathwayDefinition definition,
        EventSource source) implements RegionEvent {
}
