package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record PathwayId(String value) {

    public PathwayId {
        Identifier.require("pathway_id", value);
    }

    @JsonCreator
    public static PathwayId of(String value) {
        return new PathwayId(value);
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
