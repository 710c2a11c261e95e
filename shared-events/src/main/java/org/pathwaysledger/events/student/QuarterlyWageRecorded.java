package org.pathwaysledger.events.student;

import org.axonframework.serialization.Revision;
import org.pathwaysledger.events.value.*;

import java.math.BigDecimal;

/** A state wage match found the student employed in a quarter, with the wages earned. */
@Revision("1")
public record QuarterlyWageRecorded(
        DistrictId districtId,
        StudentId studentId,
        YearQuarter yearQuarter,
        BigDecimal quarterlyWage,
        String employerId,
        EventSource source) implements StudentEvent {
}
