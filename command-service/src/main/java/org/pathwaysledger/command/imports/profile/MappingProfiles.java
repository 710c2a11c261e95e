package org.pathwaysledger.command.imports.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The mapping profiles a service knows: the built-in ones ({@code imports/profiles/*.json} on the classpath: calpads,
 * ed-fi) and a region's own, read from a directory of {@code *.json} files, so a region adds or adapts a profile
 * without code. A region's profile may {@code extend} another and change only what differs (its pathway codes, a
 * field's position). Every profile is checked whole when loaded.
 */
public final class MappingProfiles {

    private static final String BUILT_IN = "classpath:imports/profiles/*.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private record ProfileFile(String source, ObjectNode tree) {
    }

    private final Map<String, MappingProfile> profiles = new TreeMap<>();

    /** The built-in profiles only. */
    public MappingProfiles() {
        this(null);
    }

    /**
     * @param profilesDirectory a directory of a region's own profile files, or null for the built-in profiles only
     * @throws InvalidProfileException if a profile file cannot be used, naming the file, the key and the problem
     */
    public MappingProfiles(Path profilesDirectory) {
        Map<String, ProfileFile> files = new LinkedHashMap<>();
        builtIn().forEach(file -> add(files, file));
        if (profilesDirectory != null) {
            fromDirectory(profilesDirectory).forEach(file -> add(files, file));
        }
        files.forEach((name, file) -> profiles.put(name, ProfileReader.read(resolved(name, files, new LinkedHashSet<>()), file.source())));
    }

    public Optional<MappingProfile> named(String name) {
        return Optional.ofNullable(name == null ? null : profiles.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The profile names, sorted. */
    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    private static List<ProfileFile> builtIn() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(MappingProfiles.class.getClassLoader()).getResources(BUILT_IN);
            List<ProfileFile> files = new ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    files.add(parse(in, resource.getFilename()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new InvalidProfileException("the built-in profiles could not be read: " + e.getMessage(), e);
        }
    }

    private static List<ProfileFile> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidProfileException(directory + " is not a directory; set pathways.imports.profiles-directory to the directory "
                    + "holding the region's profile files, or leave it empty");
        }
        try (Stream<Path> paths = Files.list(directory)) {
            List<ProfileFile> files = new ArrayList<>();
            for (Path path : paths.filter(path -> path.getFileName().toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList()) {
                try (InputStream in = Files.newInputStream(path)) {
                    files.add(parse(in, path.toString()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new InvalidProfileException("the profiles in " + directory + " could not be read: " + e.getMessage(), e);
        }
    }

    private static ProfileFile parse(InputStream in, String source) {
        try {
            JsonNode tree = JSON.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw new InvalidProfileException(source + ": a profile file is one JSON object");
            }
            return new ProfileFile(source, (ObjectNode) tree);
        } catch (IOException e) {
            throw new InvalidProfileException(source + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void add(Map<String, ProfileFile> files, ProfileFile file) {
        String name = file.tree().path("name").asText("");
        if (name.isBlank()) {
            throw new InvalidProfileException(file.source() + ": name: is required");
        }
        ProfileFile other = files.putIfAbsent(name, file);
        if (other != null) {
            throw new InvalidProfileException(file.source() + ": name: the profile '" + name + "' is already defined by " + other.source()
                    + "; give the region's profile its own name and \"extends\": \"" + name + "\" to build on it");
        }
    }

    /**
     * The profile with what it extends merged in: the base's lookups, and its files by type, with the extending
     * profile's keys replacing the base's. A lookup is replaced whole (it is one table); a file is merged key by key,
     * so moving one field's position needs only that field.
     */
    private static ObjectNode resolved(String name, Map<String, ProfileFile> files, Set<String> seen) {
        ProfileFile file = files.get(name);
        ObjectNode tree = file.tree().deepCopy();
        if (!tree.has("extends")) {
            return tree;
        }
        String base = tree.path("extends").asText("");
        if (!files.containsKey(base)) {
            throw new InvalidProfileException(file.source() + ": extends: there is no profile '" + base + "'; use one of " + files.keySet());
        }
        if (!seen.add(name)) {
            throw new InvalidProfileException(file.source() + ": extends: profiles extend each other in a circle (" + String.join(" -> ", seen) + ")");
        }
        ObjectNode merged = resolved(base, files, seen);
        merged.set("name", tree.get("name"));
        merged.set("description", tree.has("description") ? tree.get("description") : merged.get("description"));
        if (tree.has("lookups")) {
            ObjectNode lookups = merged.has("lookups") ? (ObjectNode) merged.get("lookups") : merged.putObject("lookups");
            tree.get("lookups").properties().forEach(entry -> lookups.set(entry.getKey(), entry.getValue()));
        }
        if (tree.has("files")) {
            List<JsonNode> mergedFiles = new ArrayList<>();
            merged.path("files").forEach(mergedFiles::add);
            for (JsonNode own : tree.get("files")) {
                String type = own.path("type").asText("");
                int at = -1;
                for (int i = 0; i < mergedFiles.size(); i++) {
                    if (mergedFiles.get(i).path("type").asText("").equals(type)) {
                        at = i;
                    }
                }
                if (at < 0 || !own.isObject() || !mergedFiles.get(at).isObject()) {
                    mergedFiles.add(own);
                } else {
                    mergedFiles.set(at, deepMerge((ObjectNode) mergedFiles.get(at).deepCopy(), own));
                }
            }
            merged.putArray("files").addAll(mergedFiles);
        }
        merged.remove("extends");
        return merged;
    }

    private static ObjectNode deepMerge(ObjectNode base, JsonNode own) {
        own.properties().forEach(entry -> {
            JsonNode existing = base.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                deepMerge((ObjectNode) existing, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
        return base;
    }
}
