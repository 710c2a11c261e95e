package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record AgreementId(String value) {

    public AgreementId {
        Identifier.require("agreement_id", value);
    }

    @JsonCreator
    public static AgreementId of(String value) {
        return new AgreementId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
