package org.pathwaysledger.analytics.scope;

import org.pathwaysledger.events.value.Codes;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.SchoolId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The level a metric is asked at: one pathway, an industry sector or a whole region (its catalogue), optionally
 * narrowed to one district and one school. At sector and region level a student who entered two pathways counts
 * once per pathway (pathway entries).
 */
public record Scope(PathwayId pathway, String sector, RegionId region, DistrictId district, SchoolId school) {

    /** The entrant {@code e} entered a pathway of this scope's pathway, sector or region, in its district if any (any school). */
    public static final String ENTRANT_IN_PATHWAYS = """
            (cast(:pathway as varchar) is null or e.pathway_id = :pathway)
              and (cast(:sector as varchar) is null or e.pathway_id in (select c.pathway_id from catalogue_pathway c where c.industry_sector = :sector))
              and (cast(:region as varchar) is null or e.pathway_id in (select c.pathway_id from catalogue_pathway c where c.region_id = :region))
              and (cast(:district as varchar) is null or e.district_id = :district)""";

    /** The entrant {@code e} is in this scope (SQL; parameters bound by {@link #bind}). */
    public static final String ENTRANT_IN_SCOPE = ENTRANT_IN_PATHWAYS + """

              and (cast(:school as varchar) is null or e.school_id = :school)""";

    public static Scope of(String pathway, String sector, String region, String district, String school) {
        PathwayId pathwayId = blank(pathway) ? null : PathwayId.of(pathway);
        String sectorName = blank(sector) ? null : Codes.text("sector", sector, 200);
        RegionId regionId = blank(region) ? null : RegionId.of(region);
        if (pathwayId == null && sectorName == null && regionId == null) {
            throw new InvalidValueException("pathway", null, "is required, or ask for a sector (?sector=...) or a whole region (?region=...)");
        }
        return new Scope(pathwayId, sectorName, regionId, blank(district) ? null : DistrictId.of(district), blank(school) ? null : SchoolId.of(school));
    }

    public static Scope ofPathway(PathwayId pathway, DistrictId district) {
        return new Scope(pathway, null, null, district, null);
    }

    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.param("pathway", pathway == null ? null : pathway.value())
                .param("sector", sector)
                .param("region", region == null ? null : region.value())
                .param("district", district == null ? null : district.value())
                .param("school", school == null ? null : school.value());
    }

    /** A short name for file names and headings: the pathway, sector or region. */
    public String label() {
        return pathway != null ? pathway.value() : sector != null ? sector : region.value();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
