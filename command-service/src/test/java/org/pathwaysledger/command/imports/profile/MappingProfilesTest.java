package org.pathwaysledger.command.imports.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathwaysledger.command.imports.ImportKind;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pathwaysledger.command.imports.profile.Conversions.content;
import static org.pathwaysledger.command.imports.profile.Conversions.file;
import static org.pathwaysledger.command.imports.profile.Conversions.messages;
import static org.pathwaysledger.command.imports.profile.Conversions.rows;

class MappingProfilesTest {

    @TempDir
    Path regionProfiles;
    @TempDir
    Path sources;
    @TempDir
    Path output;

    @Test
    void the_built_in_profiles_are_calpads_and_ed_fi() {
        MappingProfiles profiles = new MappingProfiles();

        assertThat(profiles.names()).containsExactly("calpads", "ed-fi");
        assertThat(profiles.named("CALPADS")).map(MappingProfile::name).contains("calpads");
        assertThat(profiles.named("aeries")).isEmpty();
    }

    @Test
    void a_region_adds_its_own_profile_extending_a_built_in_one_with_its_codes_and_corrected_positions() throws IOException {
        Files.writeString(regionProfiles.resolve("north-county.json"), """
                {
                  "name": "north-county",
                  "extends": "calpads",
                  "lookups": {"pathways": {"label": "North County pathway code", "codes": {"180": "NC-BIOTECH"}}},
                  "files": [{"type": "SCTE", "fields": {"CTE Pathway Code": 10, "CTE Pathway Completion Academic Year ID": 9}}]
                }
                """);
        MappingProfiles profiles = new MappingProfiles(regionProfiles);
        List<SourceFile> files = List.of(file(sources, "SCTE.txt", "SCTE^A^R1^0199999^9990001^2025-2026^9900002001^S2001^^180"));

        ConversionResult result = profiles.named("north-county").orElseThrow().convert("NORTH-USD", files, output);

        assertThat(profiles.names()).containsExactly("calpads", "ed-fi", "north-county");
        assertThat(result.errors()).isEmpty();
        assertThat(content(result, ImportKind.PATHWAY_ENROLLMENTS)).isEqualTo(rows(
                "district_id,student_id,pathway_id,school_id,entry_date,exit_date,exit_reason",
                "NORTH-USD,S2001,NC-BIOTECH,HS-1,2025-07-01,,"));
        assertThat(messages(profiles.named("calpads").orElseThrow().convert("NORTH-USD", files, output.resolve("calpads"))))
                .as("the built-in profile keeps its own layout")
                .containsExactly("SCTE.txt line 1, column position 9 (CTE Pathway Code): is empty; it gives pathway_id, which every "
                                + "pathway_enrollments row needs",
                        "SCTE.txt line 1, column position 10 (CTE Pathway Completion Academic Year ID): '180' is not a school year; "
                                + "use 2025-2026, 2025-26 or the ending year 2026");
    }

    @Test
    void the_service_reads_a_regions_profiles_from_the_profiles_directory_setting() throws IOException {
        Files.writeString(regionProfiles.resolve("north-county.json"), "{\"name\": \"north-county\", \"extends\": \"ed-fi\"}");
        try (var context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("pathways.imports.profiles-directory", regionProfiles.toString())));
            context.register(MappingProfilesConfiguration.class);
            context.refresh();

            assertThat(context.getBean(MappingProfiles.class).names()).containsExactly("calpads", "ed-fi", "north-county");
        }
    }

    @Test
    void a_profile_naming_an_undefined_lookup_is_refused_when_loaded() throws IOException {
        Files.writeString(regionProfiles.resolve("broken.json"), """
                {"name": "broken", "files": [{"type": "ROSTER", "fileNamePrefix": "roster", "format": "delimited",
                  "produces": [{"kind": "milestones", "columns": {"student_id": "id", "milestone": {"field": "award", "lookup": "awards"},
                                                                  "date": "on"}}]}]}
                """);

        assertThatThrownBy(() -> new MappingProfiles(regionProfiles))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessage(regionProfiles.resolve("broken.json") + ": files[ROSTER].produces[0].columns.milestone.lookup: "
                        + "lookup 'awards' is not defined under lookups");
    }

    @Test
    void a_profile_whose_lookup_gives_a_code_the_canonical_format_refuses_is_refused_when_loaded() throws IOException {
        Files.writeString(regionProfiles.resolve("typo.json"), """
                {"name": "typo", "lookups": {"awards": {"codes": {"D": "DIPLOMA"}}},
                 "files": [{"type": "ROSTER", "fileNamePrefix": "roster", "format": "delimited",
                  "produces": [{"kind": "milestones", "columns": {"student_id": "id", "milestone": {"field": "award", "lookup": "awards"},
                                                                  "date": "on"}}]}]}
                """);

        assertThatThrownBy(() -> new MappingProfiles(regionProfiles))
                .hasMessage(regionProfiles.resolve("typo.json") + ": files[ROSTER].produces[0].columns.milestone: can give 'DIPLOMA', "
                        + "which milestone does not accept: is not a milestone; use HS_DIPLOMA, HS_EQUIVALENCY, CERTIFICATE_OF_COMPLETION, "
                        + "POSTSECONDARY_ENROLLED, POSTSECONDARY_CREDENTIAL or EMPLOYED");
    }

    @Test
    void a_region_profile_cannot_take_the_name_of_a_built_in_one() throws IOException {
        Files.writeString(regionProfiles.resolve("calpads.json"), "{\"name\": \"calpads\", \"files\": []}");

        assertThatThrownBy(() -> new MappingProfiles(regionProfiles))
                .hasMessageContaining("the profile 'calpads' is already defined by calpads.json; give the region's profile its own name "
                        + "and \"extends\": \"calpads\" to build on it");
    }

    @Test
    void a_header_file_profile_reads_columns_by_name_in_any_order() throws IOException {
        Files.writeString(regionProfiles.resolve("sis-awards.json"), """
                {"name": "sis-awards", "files": [{"type": "AWARDS", "fileNamePrefix": "awards", "format": "delimited",
                  "produces": [{"kind": "milestones", "columns": {"student_id": "Student Number",
                     "milestone": {"field": "Award", "lookup": {"label": "award code", "codes": {"DIP": "HS_DIPLOMA"}}},
                     "date": {"field": "Awarded On", "date": "MM/dd/yyyy"}}}]}]}
                """);
        MappingProfile profile = new MappingProfiles(regionProfiles).named("sis-awards").orElseThrow();
        List<SourceFile> files = List.of(file(sources, "awards-2026.csv", "Awarded On,award,STUDENT NUMBER", "06/05/2026,DIP,S2001",
                "06/05/2026,GED,S2002"));

        ConversionResult result = profile.convert("EXAMPLE-USD", files, output);

        assertThat(content(result, ImportKind.MILESTONES)).isEqualTo(rows("district_id,student_id,milestone,date",
                "EXAMPLE-USD,S2001,HS_DIPLOMA,2026-06-05"));
        assertThat(messages(result)).containsExactly("awards-2026.csv line 3, column Award: 'GED' is not an award code; use DIP");
    }
}
