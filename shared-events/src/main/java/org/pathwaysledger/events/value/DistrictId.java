package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record DistrictId(String value) {

    public DistrictId {
        Identifier.require("district_id", value);
    }

    @JsonCreator
    public static DistrictId of(String value) {
        return new DistrictId(value);
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
