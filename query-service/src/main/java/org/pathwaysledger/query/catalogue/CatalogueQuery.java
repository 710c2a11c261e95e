package org.pathwaysledger.query.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.wire.PublishedJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Fetches a region's pathway catalogue (the program finder's data) and members. Region-level, no student data. */
@Component
public class CatalogueQuery {

    public record CataloguePathway(String pathwayId, int version, String name, String industrySector, LocalDate retiredOn, JsonNode definition) {
    }

    public record Member(String memberId, String kind, String name) {
    }

    public record Region(String regionId, String name) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json = PublishedJson.mapper();

    public CatalogueQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Region> regions() {
        return jdbc.sql("select region_id, name from region order by region_id")
                .query((row, n) -> new Region(row.getString(1), row.getString(2)))
                .list();
    }

    public List<CataloguePathway> pathways(RegionId region) {
        return jdbc.sql("select pathway_id, version, name, industry_sector, retired_on, definition::text from catalogue_pathway where region_id = ? order by name")
                .param(region.value())
                .query((row, n) -> new CataloguePathway(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getObject(5, LocalDate.class), tree(row.getString(6))))
                .list();
    }

    public Optional<CataloguePathway> pathway(RegionId region, PathwayId pathway) {
        return pathways(region).stream().filter(p -> p.pathwayId().equals(pathway.value())).findFirst();
    }

    public List<Member> members(RegionId region) {
        return jdbc.sql("select member_id, kind, name from region_member where region_id = ? order by member_id")
                .param(region.value())
                .query((row, n) -> new Member(row.getString(1), row.getString(2), row.getString(3)))
                .list();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Stored pathway definition is not JSON", e);
        }
    }
}
