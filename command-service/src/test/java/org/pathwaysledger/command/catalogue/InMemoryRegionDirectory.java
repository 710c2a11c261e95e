package org.pathwaysledger.command.catalogue;

import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.AgreementKind;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.SchoolYear;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A region directory for aggregate tests: what the lookup tables would hold, set up by the test. */
public class InMemoryRegionDirectory implements RegionDirectory {

    private record Agreement(AgreementId id, DistrictId district, CollegeId college, String collegeCourse, AgreementKind kind,
                             LocalDate from, LocalDate to) {
    }

    private final Map<DistrictId, RegionId> members = new HashMap<>();
    private final Map<String, CataloguePathway> pathways = new HashMap<>();
    private final List<Agreement> agreements = new ArrayList<>();

    public InMemoryRegionDirectory member(RegionId region, DistrictId district) {
        members.put(district, region);
        return this;
    }

    public InMemoryRegionDirectory pathway(RegionId region, PathwayId pathway, int version, CompletionRule rule, LocalDate retiredOn,
                                           Map<CourseId, CourseRole> courses) {
        pathways.put(region + "/" + pathway, new CataloguePathway(region, pathway, version, rule, retiredOn, courses));
        return this;
    }

    public InMemoryRegionDirectory agreement(AgreementId id, DistrictId district, CollegeId college, String collegeCourse,
                                             AgreementKind kind, LocalDate from, LocalDate to) {
        agreements.add(new Agreement(id, district, college, collegeCourse, kind, from, to));
        return this;
    }

    @Override
    public Optional<RegionId> regionOf(DistrictId district) {
        return Optional.ofNullable(members.get(district));
    }

    @Override
    public Optional<CataloguePathway> pathway(RegionId region, PathwayId pathway) {
        return Optional.ofNullable(pathways.get(region + "/" + pathway));
    }

    @Override
    public Optional<AgreementId> agreementCovering(DistrictId district, CollegeId college, String collegeCourseId,
                                                   AgreementKind kind, SchoolYear schoolYear) {
        return agreements.stream()
                .filter(a -> a.district().equals(district) && a.college().equals(college) && a.collegeCourse().equals(collegeCourseId)
                        && a.kind() == kind && !a.from().isAfter(schoolYear.lastDay()) && !a.to().isBefore(schoolYear.firstDay()))
                .map(Agreement::id)
                .findFirst();
    }
}
