package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CourseId(String value) {

    public CourseId {
        Identifier.require("course_id", value);
    }

    @JsonCreator
    public static CourseId of(String value) {
        return new CourseId(value);
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
