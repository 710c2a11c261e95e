package org.pathwaysledger.events.value;

/** What kind of member institution a region has. */
public enum MemberKind {
    K12_DISTRICT, ADULT_SCHOOL, COLLEGE;

    public static MemberKind parse(String field, String value) {
        return Codes.required(field, value, MemberKind.class, "a member kind");
    }
}
