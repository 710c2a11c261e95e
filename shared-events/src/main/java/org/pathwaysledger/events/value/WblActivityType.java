package org.pathwaysledger.events.value;

/** Work-based learning activities, each with the continuum stage it belongs to when the district does not say. */
public enum WblActivityType {
    CAREER_FAIR(ContinuumStage.AWARENESS),
    GUEST_SPEAKER(ContinuumStage.AWARENESS),
    WORKSITE_TOUR(ContinuumStage.AWARENESS),
    JOB_SHADOW(ContinuumStage.EXPLORATION),
    MENTORING(ContinuumStage.EXPLORATION),
    INFORMATIONAL_INTERVIEW(ContinuumStage.EXPLORATION),
    SERVICE_LEARNING(ContinuumStage.PREPARATION),
    SCHOOL_BASED_ENTERPRISE(ContinuumStage.PREPARATION),
    SIMULATED(ContinuumStage.PREPARATION),
    INTERNSHIP(ContinuumStage.PREPARATION),
    PRE_APPRENTICESHIP(ContinuumStage.TRAINING),
    APPRENTICESHIP(ContinuumStage.TRAINING),
    PAID_WORK_EXPERIENCE(ContinuumStage.TRAINING);

    private final ContinuumStage stage;

    WblActivityType(ContinuumStage stage) {
        this.stage = stage;
    }

    public ContinuumStage defaultStage() {
        return stage;
    }

    public static WblActivityType parse(String field, String value) {
        return Codes.required(field, value, WblActivityType.class, "a work-based learning activity type");
    }
}
