package org.pathwaysledger.events.region;

import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.value.RegionId;

/**
 * A fact about a region: its members, its pathway catalogue, its district-college agreements and the links between
 * one person's records. Published on {@code Topics.REGION_EVENTS}, keyed by region.
 */
public interface RegionEvent extends PublishedEvent {

    RegionId regionId();

    @Override
    default String partitionKey() {
        return regionId().value();
    }
}
