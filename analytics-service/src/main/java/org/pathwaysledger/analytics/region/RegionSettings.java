package org.pathwaysledger.analytics.region;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.List;

/**
 * The reporting rules a region chooses (METRICS.md: "where states differ, make the rule a setting per region, with
 * the federal default"). One region per deployment for now.
 *
 * @param minimumCellSize         smallest count published (default 10)
 * @param menaReportedSeparately  report Middle Eastern or North African as its own category (2024 standard)
 * @param livingWageQuarterly     wages in one quarter that count as a living wage for a single adult (county living
 *                                wage x 520 hours); the default 11440.00 is $22.00 an hour, a placeholder the region
 *                                replaces with its county's figure (e.g. from the MIT Living Wage Calculator)
 * @param nontraditionalFields    the state's nontraditional programs for Perkins 4S1, each {@code CIP-prefix:sex:field}
 *                                (e.g. {@code 51.38:M:Registered nursing}); empty keeps the list seeded by migration V7
 */
@ConfigurationProperties(prefix = "pathways.region")
public record RegionSettings(int minimumCellSize, boolean menaReportedSeparately,
                             @DefaultValue("11440.00") BigDecimal livingWageQuarterly,
                             @DefaultValue List<String> nontraditionalFields) {

    public RegionSettings {
        if (livingWageQuarterly == null || livingWageQuarterly.signum() <= 0) {
            throw new IllegalArgumentException("pathways.region.living-wage-quarterly must be a positive amount, not " + livingWageQuarterly);
        }
        nontraditionalFields = nontraditionalFields == null ? List.of() : List.copyOf(nontraditionalFields);
    }
}
