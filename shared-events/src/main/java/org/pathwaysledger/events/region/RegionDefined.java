package org.pathwaysledger.events.region;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;


/** A region was set up: the deployment serves it, its members and its pathway catalogue. */
@Revision("1")
public record RegionDefined(
        RegionId regionId,
        String name,
        EventSource source) implements RegionEvent {
}
