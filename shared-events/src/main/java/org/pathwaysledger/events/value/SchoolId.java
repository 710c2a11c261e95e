package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record SchoolId(String value) {

    public SchoolId {
        Identifier.require("school_id", value);
    }

    @JsonCreator
    public static SchoolId of(String value) {
        return new SchoolId(value);
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
