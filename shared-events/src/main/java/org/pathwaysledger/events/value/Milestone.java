package org.pathwaysledger.events.value;

/** Outcomes after (or at the end of) high school, as in the import format's milestones file. */
public enum Milestone {
    HS_DIPLOMA, HS_EQUIVALENCY, CERTIFICATE_OF_COMPLETION, POSTSECONDARY_ENROLLED, POSTSECONDARY_CREDENTIAL, EMPLOYED;

    public static Milestone parse(String field, String value) {
        return Codes.required(field, value, Milestone.class, "a milestone");
    }

    public boolean isHighSchoolCompletion() {
        return this == HS_DIPLOMA || this == HS_EQUIVALENCY || this == CERTIFICATE_OF_COMPLETION;
    }
}
