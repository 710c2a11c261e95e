package org.pathwaysledger.events.value;

/** Why a student left a pathway (import format: pathway_enrollments.exit_reason). */
public enum ExitReason {
    COMPLETED, GRADUATED, TRANSFERRED, MOVED, DROPPED, AGED_OUT, OTHER;

    public static ExitReason parse(String field, String value) {
        return Codes.parse(field, value, ExitReason.class, "an exit reason");
    }
}
