package org.pathwaysledger.analytics.region;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reporting rules a region chooses (METRICS.md: "where states differ, make the rule a setting per region, with
 * the federal default"). One region per deployment for now.
 *
 * @param minimumCellSize         smallest count published (default 10)
 * @param menaReportedSeparately  report Middle Eastern or North African as its own category (2024 standard)
 */
@ConfigurationProperties(prefix = "pathways.region")
public record RegionSettings(int minimumCellSize, boolean menaReportedSeparately) {
}
