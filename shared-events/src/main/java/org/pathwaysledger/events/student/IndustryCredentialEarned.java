package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.time.LocalDate;

/** A student earned an industry (third-party) credential. */
@Revision("1")
public record IndustryCredentialEarned(
        DistrictId districtId,
        StudentId studentId,
        CredentialId credentialId,
        String credentialName,
        String issuer,
        boolean industryRecognized,
        LocalDate earnedDate,
        EventSource source) implements StudentEvent {
}
