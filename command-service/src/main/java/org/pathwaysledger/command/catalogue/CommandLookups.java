package org.pathwaysledger.command.catalogue;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.pathwaysledger.events.region.CollegeAgreementEnded;
import org.pathwaysledger.events.region.CollegeAgreementSigned;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.PathwayRetired;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.region.RegionMemberAdded;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's lookup tables from region events. Runs in a subscribing processor, inside the same
 * transaction as the events, so a student command sees a pathway or agreement the moment it is recorded.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class CommandLookups {

    public static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcClient jdbc;

    public CommandLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RegionMemberAdded event) {
        jdbc.sql("""
                        insert into region_member (member_id, region_id, kind) values (?, ?, ?)
                        on conflict (member_id) do update set region_id = excluded.region_id, kind = excluded.kind""")
                .params(event.memberId(), event.regionId().value(), event.kind().name())
                .update();
    }

    @EventHandler
    void on(PathwayDefined event) {
        store(event.regionId(), event.pathwayId(), event.version(), event.definition());
    }

    @EventHandler
    void on(PathwayRevised event) {
        store(event.regionId(), event.pathwayId(), event.version(), event.definition());
    }

    @EventHandler
    void on(PathwayRetired event) {
        jdbc.sql("update catalogue_pathway set retired_on = ? where region_id = ? and pathway_id = ?")
                .params(event.retiredOn(), event.regionId().value(), event.pathwayId().value())
                .update();
    }

    @EventHandler
    void on(CollegeAgreementSigned event) {
        jdbc.sql("""
                        insert into college_agreement (region_id, agreement_id, kind, district_id, college_id, effective_from, effective_to)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (region_id, agreement_id) do nothing""")
                .params(event.regionId().value(), event.agreementId().value(), event.kind().name(), event.districtId().value(),
                        event.collegeId().value(), event.effectiveFrom(), event.effectiveTo())
                .update();
        for (String course : event.collegeCourseIds()) {
            jdbc.sql("insert into college_agreement_course (region_id, agreement_id, college_course_id) values (?, ?, ?) on conflict do nothing")
                    .params(event.regionId().value(), event.agreementId().value(), course)
                    .update();
        }
    }

    @EventHandler
    void on(CollegeAgreementEnded event) {
        jdbc.sql("update college_agreement set effective_to = least(effective_to, ?) where region_id = ? and agreement_id = ?")
                .params(event.endedOn(), event.regionId().value(), event.agreementId().value())
                .update();
    }

    private void store(RegionId region, PathwayId pathway, int version, PathwayDefinition definition) {
        jdbc.sql("""
                        insert into catalogue_pathway (region_id, pathway_id, version, completion_rule) values (?, ?, ?, ?)
                        on conflict (region_id, pathway_id) do update set version = excluded.version, completion_rule = excluded.completion_rule""")
                .params(region.value(), pathway.value(), version, definition.completionRule().name())
                .update();
        jdbc.sql("delete from catalogue_pathway_course where region_id = ? and pathway_id = ?")
                .params(region.value(), pathway.value())
                .update();
        for (var course : definition.courses()) {
            jdbc.sql("insert into catalogue_pathway_course (region_id, pathway_id, course_id, role) values (?, ?, ?, ?) on conflict do nothing")
                    .params(region.value(), pathway.value(), course.courseId().value(), course.role().name())
                    .update();
        }
    }
}
