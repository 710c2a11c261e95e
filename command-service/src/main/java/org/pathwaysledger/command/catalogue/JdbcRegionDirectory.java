package org.pathwaysledger.command.catalogue;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The region directory read from the command side's lookup tables (see CommandLookups). */
@Component
public class JdbcRegionDirectory implements RegionDirectory {

    private static final String ANSWERS = JdbcRegionDirectory.class.getName() + ".answers";

    private final JdbcClient jdbc;

    public JdbcRegionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RegionId> regionOf(DistrictId district) {
        return remembered(List.of("region", district), () -> jdbc.sql("select region_id from region_member where member_id = ?")
                .param(district.value())
                .query((row, n) -> RegionId.of(row.getString(1)))
                .optional());
    }

    @Override
    public Optional<CataloguePathway> pathway(RegionId region, PathwayId pathway) {
        return remembered(List.of("pathway", region, pathway), () -> readPathway(region, pathway));
    }

    private Optional<CataloguePathway> readPathway(RegionId region, PathwayId pathway) {
        Map<CourseId, CourseRole> courses = new LinkedHashMap<>();
        jdbc.sql("select course_id, role from catalogue_pathway_course where region_id = ? and pathway_id = ? order by course_id")
                .params(region.value(), pathway.value())
                .query(row -> {
                    courses.put(CourseId.of(row.getString(1)), CourseRole.valueOf(row.getString(2)));
                });
        return jdbc.sql("select version, completion_rule, retired_on from catalogue_pathway where region_id = ? and pathway_id = ?")
                .params(region.value(), pathway.value())
                .query((row, n) -> new CataloguePathway(region, pathway, row.getInt(1), CompletionRule.valueOf(row.getString(2)),
                        row.getObject(3, LocalDate.class), courses))
                .optional();
    }

    @Override
    public Optional<AgreementId> agreementCovering(DistrictId district, CollegeId college, String collegeCourseId,
                                                   AgreementKind kind, SchoolYear schoolYear) {
        return remembered(List.of("agreement", district, college, collegeCourseId, kind, schoolYear), () -> jdbc.sql("""
                        select a.agreement_id from college_agreement a
                        join college_agreement_course c on c.region_id = a.region_id and c.agreement_id = a.agreement_id
                        where a.district_id = ? and a.college_id = ? and a.kind = ? and c.college_course_id = ?
                          and a.effective_from <= ? and a.effective_to >= ?
                        order by a.effective_from desc limit 1""")
                .params(district.value(), college.value(), kind.name(), collegeCourseId, schoolYear.lastDay(), schoolYear.firstDay())
                .query((row, n) -> AgreementId.of(row.getString(1)))
                .optional());
    }

    /**
     * Answers are remembered for the rest of the current unit of work while its commands run (an import batch sends
     * hundreds of commands in one): the lookup tables only change when the unit of work's events are applied at
     * prepare-commit, so nothing read earlier in the same unit of work can be out of date. From prepare-commit on,
     * and outside a unit of work, every call reads the tables.
     */
    @SuppressWarnings("unchecked")
    private static <T> T remembered(List<Object> key, Supplier<T> read) {
        if (!CurrentUnitOfWork.isStarted()) {
            return read.get();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase() != UnitOfWork.Phase.STARTED) {
            return read.get();
        }
        Map<List<Object>, Object> answers = root.getOrComputeResource(ANSWERS, name -> new HashMap<>());
        Object answer = answers.get(key);
        if (answer == null) {
            answer = read.get();
            answers.put(key, answer);
        }
        return (T) answer;
    }
}
