package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record PlacementId(String value) {

    public PlacementId {
        Identifier.require("placement_id", value);
    }

    @JsonCreator
    public static PlacementId of(String value) {
        return new PlacementId(value);
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
