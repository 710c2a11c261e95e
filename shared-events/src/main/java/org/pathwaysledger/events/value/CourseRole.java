package org.pathwaysledger.events.value;

/** The place of a course in a pathway's sequence. */
public enum CourseRole {
    INTRO, CONCENTRATOR, CAPSTONE, NONE;

    public static CourseRole parse(String field, String value) {
        return Codes.parse(field, value, CourseRole.class, "a course role");
    }
}
