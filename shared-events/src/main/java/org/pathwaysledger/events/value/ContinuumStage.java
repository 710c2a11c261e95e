package org.pathwaysledger.events.value;

/** The work-based learning continuum: learning about work, through work, for work. */
public enum ContinuumStage {
    AWARENESS, EXPLORATION, PREPARATION, TRAINING;

    public static ContinuumStage parse(String field, String value) {
        return Codes.parse(field, value, ContinuumStage.class, "a continuum stage");
    }
}
