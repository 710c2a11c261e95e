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
import java.util.Map;
import java.util.Optional;

/**
 * What a student's command needs to know beyond the student: the district's region, the region's pathways and the
 * district's agreements with colleges. Injected into the Student aggregate's command handlers.
 */
public interface RegionDirectory {

    /** A pathway as the catalogue holds it now. */
    record CataloguePathway(RegionId regionId, PathwayId pathwayId, int version, CompletionRule completionRule,
                            LocalDate retiredOn, Map<CourseId, CourseRole> courses) {

        public boolean isRetiredOn(LocalDate date) {
            return retiredOn != null && !date.isBefore(retiredOn);
        }
    }

    Optional<RegionId> regionOf(DistrictId district);

    Optional<CataloguePathway> pathway(RegionId region, PathwayId pathway);

    /** The agreement between the district and the college of the given kind that covers the college course in that school year. */
    Optional<AgreementId> agreementCovering(DistrictId district, CollegeId college, String collegeCourseId, AgreementKind kind, SchoolYear schoolYear);
}
