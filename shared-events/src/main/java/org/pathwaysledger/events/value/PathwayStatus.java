package org.pathwaysledger.events.value;

/** How far a student has come in a pathway (Perkins V participant / concentrator; California K12 SWP completer). */
public enum PathwayStatus {
    PARTICIPANT, CONCENTRATOR, COMPLETER;

    public static PathwayStatus parse(String field, String value) {
        return Codes.required(field, value, PathwayStatus.class, "a pathway status");
    }
}
