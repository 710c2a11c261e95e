package org.pathwaysledger.command.imports;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pathwaysledger.command.imports.profile.ConversionResult;
import org.pathwaysledger.command.imports.profile.MappingProfiles;
import org.pathwaysledger.command.imports.profile.SourceFile;
import org.pathwaysledger.command.web.InvalidRequestException;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.EventSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a profile writes is what the import reads: every converted sample row parses into commands as an uploaded row would. */
class ProfileConversionsImportTest {

    @TempDir
    Path output;

    @ParameterizedTest
    @ValueSource(strings = {"calpads", "ed-fi"})
    void every_row_converted_from_the_sample_exports_is_accepted_by_the_canonical_import(String profile) throws IOException {
        List<SourceFile> samples;
        try (Stream<Path> files = Files.list(Path.of("../deploy/examples/imports", profile))) {
            samples = files.sorted().map(path -> new SourceFile(path.getFileName().toString(), path)).toList();
        }
        ConversionResult result = new MappingProfiles().named(profile).orElseThrow().convert("EXAMPLE-USD", samples, output);

        List<String> refused = new ArrayList<>();
        int rows = 0;
        for (var file : result.canonicalFiles().entrySet()) {
            try (InputStream in = Files.newInputStream(file.getValue()); CsvReader csv = new CsvReader(in)) {
                List<String> header = csv.next().fields();
                CsvReader.Record record;
                while ((record = csv.next()) != null) {
                    rows++;
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), record.fields().get(i));
                    }
                    try {
                        RowCommands.parse(file.getKey(), row, DistrictId.of("EXAMPLE-USD"), new EventSource(EventSource.Channel.IMPORT, "test"),
                                LocalDate.of(2026, 9, 1));
                    } catch (InvalidRequestException e) {
                        String where = file.getKey().fileName() + " line " + record.line() + ": ";
                        e.problems().forEach(problem -> refused.add(where + problem.getMessage()));
                    }
                }
            }
        }

        assertThat(result.errors()).isEmpty();
        assertThat(rows).isGreaterThan(10);
        assertThat(refused).isEmpty();
    }
}
