package org.pathwaysledger.events.region;

import java.math.BigDecimal;

/** A target occupation of a pathway, with its labour-market information (LMI) for the region. */
public record Occupation(String socCode, String title, BigDecimal medianAnnualWage, Integer projectedAnnualOpenings) {
}
