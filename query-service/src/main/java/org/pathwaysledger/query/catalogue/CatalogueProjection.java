package org.pathwaysledger.query.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.pathwaysledger.events.PublishedEvent;
import org.pathwaysledger.events.region.CollegeAgreementEnded;
import org.pathwaysledger.events.region.CollegeAgreementSigned;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.PathwayRetired;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.region.RegionDefined;
import org.pathwaysledger.events.region.RegionMemberAdded;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.region.StudentRecordUnlinked;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.wire.EventEnvelope;
import org.pathwaysledger.events.wire.PublishedJson;
import org.pathwaysledger.infrastructure.projection.EventProjection;
import org.pathwaysledger.infrastructure.projection.Statements;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;

/** Keeps the region catalogue (members, pathways with their LMI, agreements) and identity links, by keyed upserts. */
public class CatalogueProjection implements EventProjection {

    private final ObjectMapper json = PublishedJson.mapper();

    @Override
    public void apply(Connection tx, EventEnvelope envelope, PublishedEvent event) throws SQLException {
        if (event instanceof RegionDefined region) {
            Statements.execute(tx, "insert into region (region_id, name) values (?, ?) on conflict (region_id) do update set name = excluded.name",
                    region.regionId().value(), region.name());
        } else if (event instanceof RegionMemberAdded member) {
            Statements.execute(tx, "insert into region_member (region_id, member_id, kind, name) values (?, ?, ?, ?) "
                            + "on conflict (region_id, member_id) do update set kind = excluded.kind, name = excluded.name",
                    member.regionId().value(), member.memberId(), member.kind().name(), member.name());
        } else if (event instanceof PathwayDefined defined) {
            pathway(tx, defined.regionId(), defined.pathwayId(), defined.version(), defined.definition());
        } else if (event instanceof PathwayRevised revised) {
            pathway(tx, revised.regionId(), revised.pathwayId(), revised.version(), revised.definition());
        } else if (event instanceof PathwayRetired retired) {
            Statements.execute(tx, "update catalogue_pathway set retired_on = ? where region_id = ? and pathway_id = ?",
                    Date.valueOf(retired.retiredOn()), retired.regionId().value(), retired.pathwayId().value());
        } else if (event instanceof CollegeAgreementSigned signed) {
            Statements.execute(tx, "insert into college_agreement (region_id, agreement_id, kind, district_id, college_id, effective_from, effective_to, detail) "
                            + "values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) on conflict (region_id, agreement_id) do nothing",
                    signed.regionId().value(), signed.agreementId().value(), signed.kind().name(), signed.districtId().value(),
                    signed.collegeId().value(), Date.valueOf(signed.effectiveFrom()), Date.valueOf(signed.effectiveTo()), envelope.payloadJson());
        } else if (event instanceof CollegeAgreementEnded ended) {
            Statements.execute(tx, "update college_agreement set effective_to = least(effective_to, ?) where region_id = ? and agreement_id = ?",
                    Date.valueOf(ended.endedOn()), ended.regionId().value(), ended.agreementId().value());
        } else if (event instanceof StudentRecordLinked linked) {
            Statements.execute(tx, "insert into person_link (region_id, person_id, district_id, student_id, evidence, linked) values (?, ?, ?, ?, ?, true) "
                            + "on conflict (region_id, person_id, district_id, student_id) do update set evidence = excluded.evidence, linked = true",
                    linked.regionId().value(), linked.personId().value(), linked.districtId().value(), linked.studentId().value(), linked.evidence().name());
        } else if (event instanceof StudentRecordUnlinked unlinked) {
            Statements.execute(tx, "update person_link set linked = false where region_id = ? and person_id = ? and district_id = ? and student_id = ?",
                    unlinked.regionId().value(), unlinked.personId().value(), unlinked.districtId().value(), unlinked.studentId().value());
        }
    }

    private void pathway(Connection tx, RegionId region, PathwayId pathway, int version, PathwayDefinition definition) throws SQLException {
        String definitionJson;
        try {
            definitionJson = json.writeValueAsString(definition);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Statements.execute(tx, "insert into catalogue_pathway (region_id, pathway_id, version, name, industry_sector, definition) values (?, ?, ?, ?, ?, cast(? as jsonb)) "
                        + "on conflict (region_id, pathway_id) do update set version = excluded.version, name = excluded.name, "
                        + "industry_sector = excluded.industry_sector, definition = excluded.definition",
                region.value(), pathway.value(), version, definition.name(), definition.industrySector(), definitionJson);
    }

}
