package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CollegeId(String value) {

    public CollegeId {
        Identifier.require("college_id", value);
    }

    @JsonCreator
    public static CollegeId of(String value) {
        return new CollegeId(value);
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
