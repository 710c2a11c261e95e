package org.pathwaysledger.events.value;

/** Why two records of the same person were linked (or what a data steward relied on). */
public enum MatchEvidence {
    /** Same state student id. */
    STATE_STUDENT_ID,
    /** Same hashed last name, first name and birth date (see IdentityMatchKey). */
    NAME_AND_BIRTH_DATE,
    /** A data steward's decision. */
    MANUAL;

    public static MatchEvidence parse(String field, String value) {
        MatchEvidence evidence = Codes.parse(field, value, MatchEvidence.class, "match evidence");
        return evidence == null ? MANUAL : evidence;
    }
}
