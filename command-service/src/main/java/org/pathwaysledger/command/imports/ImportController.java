package org.pathwaysledger.command.imports;

import jakarta.servlet.http.HttpServletResponse;
import org.pathwaysledger.command.imports.profile.ConversionResult;
import org.pathwaysledger.command.imports.profile.MappingProfile;
import org.pathwaysledger.command.imports.profile.MappingProfiles;
import org.pathwaysledger.command.imports.profile.SourceFile;
import org.pathwaysledger.command.web.InvalidRequestException;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.InvalidValueException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A district's file submissions: one or many canonical CSV files (multipart), or one CSV body with {@code ?kind=};
 * or, with {@code ?profile=calpads} / {@code ?profile=ed-fi}, the district's own exports, converted by the profile.
 * Answers 202 with the import id; the status and the error report follow at the URLs it names.
 */
@RestController
public class ImportController {

    private final ImportJobs jobs;
    private final ImportRepository repository;
    private final MappingProfiles profiles;
    private final long maxFileBytes;

    public ImportController(ImportJobs jobs, ImportRepository repository, MappingProfiles profiles,
                            @Value("${pathways.imports.max-file-bytes:209715200}") long maxFileBytes) {
        this.jobs = jobs;
        this.repository = repository;
        this.profiles = profiles;
        this.maxFileBytes = maxFileBytes;
    }

    @PostMapping(path = "/api/v1/districts/{districtId}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<ImportStatus> submitFiles(@PathVariable String districtId,
                                                    @RequestParam("files") List<MultipartFile> files,
                                                    @RequestParam(required = false) String kind,
                                                    @RequestParam(required = false) String profile,
                                                    @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        DistrictId district = DistrictId.of(districtId);
        if (files.isEmpty() || files.size() > 20) {
            throw invalid("files", null, "send 1 to 20 files in the multipart field 'files'");
        }
        if (profile != null && !profile.isBlank()) {
            return accepted(submitThroughProfile(district, files, profile, dryRun));
        }
        List<ImportJobs.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload.csv" : file.getOriginalFilename();
            ImportKind fileKind = kindOf(kind, name);
            try (InputStream in = file.getInputStream()) {
                uploads.add(store(fileKind, name, in));
            }
        }
        return accepted(jobs.submit(district, uploads, dryRun));
    }

    @PostMapping(path = "/api/v1/districts/{districtId}/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ResponseEntity<ImportStatus> submitBody(@PathVariable String districtId,
                                                   @RequestParam(required = false) String kind,
                                                   @RequestParam(required = false) String fileName,
                                                   @RequestParam(defaultValue = "false") boolean dryRun,
                                                   InputStream body) throws IOException {
        DistrictId district = DistrictId.of(districtId);
        String name = fileName == null || fileName.isBlank() ? (kind == null ? "upload" : kind) + ".csv" : fileName;
        ImportKind bodyKind = kindOf(kind, name);
        return accepted(jobs.submit(district, List.of(store(bodyKind, name, body)), dryRun));
    }

    /** Converts a district's own export (CALPADS, Ed-Fi...) into canonical files, then imports those. */
    private String submitThroughProfile(DistrictId district, List<MultipartFile> files, String profileName, boolean dryRun) throws IOException {
        MappingProfile profile = profiles.named(profileName).orElseThrow(() -> invalid("profile", profileName,
                "is not a mapping profile; use one of " + String.join(", ", profiles.names())));
        Path sourceDirectory = Files.createTempDirectory("pathways-source-");
        Path canonicalDirectory = Files.createTempDirectory("pathways-canonical-");
        try {
            List<SourceFile> sources = new ArrayList<>();
            for (MultipartFile file : files) {
                String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload" : Path.of(file.getOriginalFilename()).getFileName().toString();
                try (InputStream in = file.getInputStream()) {
                    ImportJobs.Upload stored = store(null, name, in);
                    Path source = sourceDirectory.resolve(name);
                    Files.move(stored.storedFile(), source);
                    sources.add(new SourceFile(name, source));
                }
            }
            ConversionResult converted = profile.convert(district.value(), sources, canonicalDirectory);
            List<ImportJobs.Upload> uploads = new ArrayList<>();
            for (var canonical : converted.canonicalFiles().entrySet()) {
                Path stored = Files.createTempFile("pathways-import-", ".csv");
                Files.move(canonical.getValue(), stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                uploads.add(new ImportJobs.Upload(canonical.getKey(), canonical.getKey().fileName() + ".csv from " + profile.name(),
                        stored, Files.size(stored)));
            }
            List<RowError> errors = converted.errors().stream()
                    .map(error -> new RowError(0, -1, error.file(), error.line(), error.column(), error.value(), error.problem())).toList();
            return jobs.submit(district, uploads, dryRun, errors, converted.warnings());
        } finally {
            try (var leftovers = Files.walk(sourceDirectory)) {
                leftovers.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            try (var leftovers = Files.walk(canonicalDirectory)) {
                leftovers.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @GetMapping("/api/v1/imports/{importId}")
    public ImportStatus status(@PathVariable String importId) {
        return repository.status(importId).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                HttpStatus.NOT_FOUND, "Import " + importId + " is not known; the id is in the answer to the submission"));
    }

    @GetMapping("/api/v1/districts/{districtId}/imports")
    public List<ImportStatus> history(@PathVariable String districtId) {
        return repository.ofDistrict(DistrictId.of(districtId).value());
    }

    @GetMapping(path = "/api/v1/imports/{importId}/errors.csv", produces = "text/csv")
    public void errors(@PathVariable String importId, HttpServletResponse response) throws IOException {
        status(importId);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + importId + "-errors.csv\"");
        try (OutputStream out = response.getOutputStream(); Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            repository.writeErrorsCsv(importId, writer);
        }
    }

    private ResponseEntity<ImportStatus> accepted(String importId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/imports/" + importId))
                .body(repository.status(importId).orElseThrow());
    }

    private static ImportKind kindOf(String kind, String fileName) {
        if (kind != null && !kind.isBlank()) {
            return ImportKind.named(kind).orElseThrow(() -> invalid("kind", kind, "is not an import kind; use " + ImportKind.acceptedNames()));
        }
        return ImportKind.ofFileName(fileName).orElseThrow(() -> invalid("kind", null, "is needed for file '" + fileName
                + "': name the file after its kind (students.csv, pathway_enrollments.csv...) or add ?kind= with one of " + ImportKind.acceptedNames()));
    }

    /** Copies the upload to a temporary file, refusing it as soon as it passes the size limit. */
    private ImportJobs.Upload store(ImportKind kind, String name, InputStream in) throws IOException {
        Path stored = Files.createTempFile("pathways-import-", ".csv");
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(stored)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxFileBytes) {
                    throw invalid("files", name, "is larger than the limit of " + maxFileBytes / (1024 * 1024) + " MB; split it into smaller files");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(stored);
            throw e;
        }
        return new ImportJobs.Upload(kind, name, stored, total);
    }

    private static InvalidRequestException invalid(String field, String value, String problem) {
        return new InvalidRequestException(List.of(new InvalidValueException(field, value, problem)));
    }
}
