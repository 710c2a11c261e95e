package org.pathwaysledger.events.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record CredentialId(String value) {

    public CredentialId {
        Identifier.require("credential_id", value);
    }

    @JsonCreator
    public static CredentialId of(String value) {
        return new CredentialId(value);
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
