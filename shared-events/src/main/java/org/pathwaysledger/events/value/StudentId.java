package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record StudentId(String value) {

    public StudentId {
        Identifier.require("student_id", value);
    }

    @JsonCreator
    public static StudentId of(String value) {
        return new StudentId(value);
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
