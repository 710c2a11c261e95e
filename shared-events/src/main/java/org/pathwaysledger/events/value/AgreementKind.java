package org.pathwaysledger.events.value;

/** A district-college agreement: dual enrollment (MOU / CCAP) or articulation of high-school courses. */
public enum AgreementKind {
    DUAL_ENROLLMENT, ARTICULATION;

    public static AgreementKind parse(String field, String value) {
        return Codes.required(field, value, AgreementKind.class, "an agreement kind");
    }
}
