package org.pathwaysledger.events.value;

/** How a high-school student earned college credit. DUAL and CONCURRENT need a dual-enrollment agreement; ARTICULATED an articulation agreement. */
public enum CollegeCreditType {
    NONE, DUAL, CONCURRENT, ARTICULATED;

    public static CollegeCreditType parse(String field, String value) {
        return Codes.parse(field, value, CollegeCreditType.class, "a college credit type");
    }

    public AgreementKind requiredAgreement() {
        return switch (this) {
            case DUAL, CONCURRENT -> AgreementKind.DUAL_ENROLLMENT;
            case ARTICULATED -> AgreementKind.ARTICULATION;
            case NONE -> null;
        };
    }
}
