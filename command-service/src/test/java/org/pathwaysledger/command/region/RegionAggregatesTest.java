package org.pathwaysledger.command.region;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.command.agreement.CollegeAgreement;
import org.pathwaysledger.command.catalogue.InMemoryRegionDirectory;
import org.pathwaysledger.command.catalogue.Pathway;
import org.pathwaysledger.command.identity.Person;
import org.pathwaysledger.events.region.AddRegionMember;
import org.pathwaysledger.events.region.CollegeAgreementEnded;
import org.pathwaysledger.events.region.CollegeAgreementSigned;
import org.pathwaysledger.events.region.DefinePathway;
import org.pathwaysledger.events.region.DefineRegion;
import org.pathwaysledger.events.region.EndCollegeAgreement;
import org.pathwaysledger.events.region.LinkStudentRecord;
import org.pathwaysledger.events.region.Occupation;
import org.pathwaysledger.events.region.PathwayCourse;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.PathwayRetired;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.region.RegionDefined;
import org.pathwaysledger.events.region.RegionMemberAdded;
import org.pathwaysledger.events.region.RetirePathway;
import org.pathwaysledger.events.region.SignCollegeAgreement;
import org.pathwaysledger.events.region.StudentRecordLinked;
import org.pathwaysledger.events.region.StudentRecordUnlinked;
import org.pathwaysledger.events.region.UnlinkStudentRecord;
import org.pathwaysledger.events.value.AgreementId;
import org.pathwaysledger.events.value.AgreementKind;
import org.pathwaysledger.events.value.CollegeId;
import org.pathwaysledger.events.value.CompletionRule;
import org.pathwaysledger.events.value.CourseId;
import org.pathwaysledger.events.value.CourseRole;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;
import org.pathwaysledger.events.value.MatchEvidence;
import org.pathwaysledger.events.value.MemberKind;
import org.pathwaysledger.events.value.PathwayId;
import org.pathwaysledger.events.value.PersonId;
import org.pathwaysledger.events.value.RegionId;
import org.pathwaysledger.events.value.StudentId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The rules of the region-level aggregates: region membership, catalogue versions, agreements, identity links. */
class RegionAggregatesTest {

    static final RegionId REGION = RegionId.of("R1");
    static final EventSource SOURCE = EventSource.api("test");
    static final PathwayId HEALTH = PathwayId.of("HEALTH");
    static final PathwayDefinition HEALTH_V1 = new PathwayDefinition("Medical Assisting", "Health Science and Medical Technology",
            "Health Science", "51.0801", List.of(new Occupation("31-9092", "Medical Assistants", new BigDecimal("42000"), 1200)),
            List.of(new PathwayCourse(CourseId.of("MED-1"), "Intro to Health Careers", CourseRole.INTRO)),
            CollegeId.of("CC1"), "Certificate of Achievement", CompletionRule.PERKINS_TWO_COURSES);
    static final PathwayDefinition HEALTH_V2 = new PathwayDefinition("Medical Assisting", "Health Science and Medical Technology",
            "Health Science", "51.0801", HEALTH_V1.occupations(),
            List.of(new PathwayCourse(CourseId.of("MED-1"), "Intro to Health Careers", CourseRole.INTRO),
                    new PathwayCourse(CourseId.of("MED-3"), "Clinical Capstone", CourseRole.CAPSTONE)),
            CollegeId.of("CC1"), "Certificate of Achievement", CompletionRule.CALIFORNIA_300_HOURS_CAPSTONE);

    @Test
    void a_region_is_defined_once_and_a_member_belongs_to_it_with_one_kind() {
        AggregateTestFixture<Region> region = new AggregateTestFixture<>(Region.class);
        region.givenNoPriorActivity().when(new DefineRegion(REGION, "Valley", SOURCE)).expectEvents(new RegionDefined(REGION, "Valley", SOURCE));
        region.given(new RegionDefined(REGION, "Valley", SOURCE)).when(new DefineRegion(REGION, "Valley", SOURCE)).expectNoEvents();
        region.given(new RegionDefined(REGION, "Valley", SOURCE))
                .when(new AddRegionMember(REGION, "D1", MemberKind.K12_DISTRICT, "North USD", SOURCE))
                .expectEvents(new RegionMemberAdded(REGION, "D1", MemberKind.K12_DISTRICT, "North USD", SOURCE));
        region.given(new RegionDefined(REGION, "Valley", SOURCE), new RegionMemberAdded(REGION, "D1", MemberKind.K12_DISTRICT, "North USD", SOURCE))
                .when(new AddRegionMember(REGION, "D1", MemberKind.COLLEGE, "North USD", SOURCE))
                .expectException(RuleViolation.class);
    }

    @Test
    void a_pathway_is_defined_as_version_1_revised_as_a_new_version_and_unchanged_when_resent() {
        AggregateTestFixture<Pathway> pathway = new AggregateTestFixture<>(Pathway.class);
        pathway.givenNoPriorActivity().when(new DefinePathway(REGION, HEALTH, HEALTH_V1, SOURCE))
                .expectEvents(new PathwayDefined(REGION, HEALTH, 1, HEALTH_V1, SOURCE));
        pathway.given(new PathwayDefined(REGION, HEALTH, 1, HEALTH_V1, SOURCE)).when(new DefinePathway(REGION, HEALTH, HEALTH_V1, SOURCE))
                .expectResultMessagePayload(false).expectNoEvents();
        pathway.given(new PathwayDefined(REGION, HEALTH, 1, HEALTH_V1, SOURCE)).when(new DefinePathway(REGION, HEALTH, HEALTH_V2, SOURCE))
                .expectEvents(new PathwayRevised(REGION, HEALTH, 2, HEALTH_V2, SOURCE));
    }

    @Test
    void a_retired_pathway_is_not_revised() {
        AggregateTestFixture<Pathway> pathway = new AggregateTestFixture<>(Pathway.class);
        PathwayRetired retired = new PathwayRetired(REGION, HEALTH, LocalDate.of(2026, 6, 30), "Replaced by HEALTH-2", SOURCE);
        pathway.given(new PathwayDefined(REGION, HEALTH, 1, HEALTH_V1, SOURCE))
                .when(new RetirePathway(REGION, HEALTH, LocalDate.of(2026, 6, 30), "Replaced by HEALTH-2", SOURCE))
                .expectEvents(retired);
        pathway.given(new PathwayDefined(REGION, HEALTH, 1, HEALTH_V1, SOURCE), retired)
                .when(new DefinePathway(REGION, HEALTH, HEALTH_V2, SOURCE))
                .expectException(RuleViolation.class);
    }

    @Test
    void an_agreement_needs_both_parties_in_the_region_and_its_terms_do_not_change() {
        AggregateTestFixture<CollegeAgreement> agreement = new AggregateTestFixture<>(CollegeAgreement.class);
        agreement.registerInjectableResource(new InMemoryRegionDirectory().member(REGION, DistrictId.of("D1")).member(REGION, DistrictId.of("CC1")));
        SignCollegeAgreement sign = new SignCollegeAgreement(REGION, AgreementId.of("MOU-1"), AgreementKind.DUAL_ENROLLMENT,
                DistrictId.of("D1"), CollegeId.of("CC1"), List.of("HLTH-101"), List.of(), LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), SOURCE);
        CollegeAgreementSigned signed = new CollegeAgreementSigned(REGION, AgreementId.of("MOU-1"), AgreementKind.DUAL_ENROLLMENT,
                DistrictId.of("D1"), CollegeId.of("CC1"), List.of("HLTH-101"), List.of(), LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), SOURCE);
        agreement.givenNoPriorActivity().when(sign).expectEvents(signed);
        agreement.given(signed).when(sign).expectResultMessagePayload(false).expectNoEvents();
        agreement.given(signed)
                .when(new SignCollegeAgreement(REGION, AgreementId.of("MOU-1"), AgreementKind.DUAL_ENROLLMENT, DistrictId.of("D1"),
                        CollegeId.of("CC1"), List.of("HLTH-101", "HLTH-102"), List.of(), LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), SOURCE))
                .expectException(RuleViolation.class);
        AggregateTestFixture<CollegeAgreement> other = new AggregateTestFixture<>(CollegeAgreement.class);
        other.registerInjectableResource(new InMemoryRegionDirectory().member(REGION, DistrictId.of("D1")).member(REGION, DistrictId.of("CC1")));
        other.givenNoPriorActivity()
                .when(new SignCollegeAgreement(REGION, AgreementId.of("MOU-2"), AgreementKind.DUAL_ENROLLMENT, DistrictId.of("D7"),
                        CollegeId.of("CC1"), List.of("HLTH-101"), List.of(), LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), SOURCE))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("district_id: 'D7' is not a member of region R1; add it to the region first");
        agreement.given(signed).when(new EndCollegeAgreement(REGION, AgreementId.of("MOU-1"), LocalDate.of(2026, 6, 30), "College withdrew", SOURCE))
                .expectEvents(new CollegeAgreementEnded(REGION, AgreementId.of("MOU-1"), LocalDate.of(2026, 6, 30), "College withdrew", SOURCE));
    }

    @Test
    void a_person_links_each_record_once_and_unlinks_only_what_is_linked() {
        AggregateTestFixture<Person> person = new AggregateTestFixture<>(Person.class);
        PersonId p = PersonId.of("P-1");
        StudentRecordLinked linked = new StudentRecordLinked(REGION, p, DistrictId.of("D1"), StudentId.of("S1"), MatchEvidence.STATE_STUDENT_ID, SOURCE);
        person.givenNoPriorActivity().when(new LinkStudentRecord(REGION, p, DistrictId.of("D1"), StudentId.of("S1"), MatchEvidence.STATE_STUDENT_ID, SOURCE))
                .expectEvents(linked);
        person.given(linked).when(new LinkStudentRecord(REGION, p, DistrictId.of("D1"), StudentId.of("S1"), MatchEvidence.MANUAL, SOURCE))
                .expectNoEvents();
        person.given(linked).when(new UnlinkStudentRecord(REGION, p, DistrictId.of("D1"), StudentId.of("S1"), "Twins mixed up", SOURCE))
                .expectEvents(new StudentRecordUnlinked(REGION, p, DistrictId.of("D1"), StudentId.of("S1"), "Twins mixed up", SOURCE));
        person.given(linked).when(new UnlinkStudentRecord(REGION, p, DistrictId.of("D2"), StudentId.of("S1"), "wrong", SOURCE))
                .expectException(RuleViolation.class);
    }
}
