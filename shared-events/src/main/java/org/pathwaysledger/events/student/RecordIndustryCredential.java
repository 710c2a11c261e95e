package org.pathwaysledger.events.student;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;
import java.util.Objects;

/** Record an industry credential the student earned. */
public record RecordIndustryCredential(
        DistrictId districtId,
        StudentId studentId,
        CredentialId credentialId,
        String credentialName,
        String issuer,
        boolean industryRecognized,
        LocalDate earnedDate,
        EventSource source) {

    public RecordIndustryCredential {
        Objects.requireNonNull(districtId, "districtId");
        Objects.requireNonNull(studentId, "studentId");
        Objects.requireNonNull(source, "source");
        Checks.required("credential_id", credentialId);
        Checks.required("earned_date", earnedDate);
    }

    @TargetAggregateIdentifier
    public StudentKey studentKey() {
        return new StudentKey(districtId, studentId);
    }
}
