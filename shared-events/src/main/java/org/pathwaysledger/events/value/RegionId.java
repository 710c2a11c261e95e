package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record RegionId(String value) {

    public RegionId {
        Identifier.require("region_id", value);
    }

    @JsonCreator
    public static RegionId of(String value) {
        return new RegionId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
