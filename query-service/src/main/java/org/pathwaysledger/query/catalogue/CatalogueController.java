package org.pathwaysledger.query.catalogue;

import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.query.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class CatalogueController {

    private final CatalogueQuery catalogue;

    public CatalogueController(CatalogueQuery catalogue) {
        this.catalogue = catalogue;
    }

    /** The regions this read model knows (the web UI's region picker). */
    @GetMapping("/api/v1/regions")
    public List<CatalogueQuery.Region> regions() {
        return catalogue.regions();
    }

    /** The region's pathways: sector, occupations with wage and demand, college partner, credential, course sequence. */
    @GetMapping("/api/v1/regions/{regionId}/pathways")
    public List<CatalogueQuery.CataloguePathway> pathways(@PathVariable String regionId) {
        return catalogue.pathways(RegionId.of(regionId));
    }

    @GetMapping("/api/v1/regions/{regionId}/pathways/{pathwayId}")
    public CatalogueQuery.CataloguePathway pathway(@PathVariable String regionId, @PathVariable String pathwayId) {
        return catalogue.pathway(RegionId.of(regionId), PathwayId.of(pathwayId))
                .orElseThrow(() -> new NotFoundException("Pathway " + pathwayId + " is not in the catalogue of region " + regionId));
    }

    @GetMapping("/api/v1/regions/{regionId}/members")
    public List<CatalogueQuery.Member> members(@PathVariable String regionId) {
        return catalogue.members(RegionId.of(regionId));
    }
}
