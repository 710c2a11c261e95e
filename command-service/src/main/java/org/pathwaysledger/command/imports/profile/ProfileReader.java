package org.pathwaysledger.command.imports.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.pathwaysledger.command.imports.ImportKind;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a profile file (after {@code extends} is resolved) and checks it whole before it is used: unknown keys,
 * undefined lookups, fields the layout does not name, columns the canonical kind does not have, required columns no
 * file gives, and constants or lookup values the canonical format would refuse. Every message says where.
 */
final class ProfileReader {

    private static final Set<String> PROFILE_KEYS = Set.of("name", "description", "extends", "lookups", "files");
    private static final Set<String> LOOKUP_KEYS = Set.of("description", "label", "codes", "ranges", "otherwise", "keepUnlisted");
    private static final Set<String> FILE_KEYS = Set.of("type", "description", "fileNamePrefix", "format", "delimiter", "header",
            "fields", "produces", "contributes");
    private static final Set<String> PRODUCES_KEYS = Set.of("kind", "description", "when", "columns");
    private static final Set<String> CONTRIBUTES_KEYS = Set.of("kind", "description", "key", "combine", "latestBy", "when", "columns");
    private static final Set<String> RULE_KEYS = Set.of("field", "fields", "constant", "descriptor", "lookup", "date", "transform",
            "separator", "default", "ifPresent", "description");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "descriptor", "in", "present");
    private static final Map<String, ValueRule.Transform> TRANSFORMS = Map.of(
            "schoolYear", ValueRule.Transform.SCHOOL_YEAR,
            "schoolYearStart", ValueRule.Transform.SCHOOL_YEAR_START,
            "schoolYearEnd", ValueRule.Transform.SCHOOL_YEAR_END);

    private final String source;
    private final Map<String, CodeLookup> lookups = new HashMap<>();

    private ProfileReader(String source) {
        this.source = source;
    }

    /** @param source where the profile came from, for messages ({@code calpads.json}, {@code /etc/pathways/profiles/north.json}) */
    static MappingProfile read(JsonNode profile, String source) {
        return new ProfileReader(source).profile(profile);
    }

    private MappingProfile profile(JsonNode profile) {
        object(profile, "", PROFILE_KEYS);
        String name = text(profile, "name", "", true);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw invalid("name", "'" + name + "' is not a profile name; use lower-case letters, digits and '-', e.g. calpads or north-county");
        }
        JsonNode lookupNodes = profile.path("lookups");
        if (!lookupNodes.isMissingNode()) {
            object(lookupNodes, "lookups", null);
            lookupNodes.properties().forEach(entry -> lookups.put(entry.getKey(), lookup(entry.getValue(), entry.getKey(), "lookups." + entry.getKey())));
        }
        JsonNode files = profile.path("files");
        if (!files.isArray() || files.isEmpty()) {
            throw invalid("files", "is required: a list of the source files the profile reads");
        }
        List<SourceLayout> layouts = new ArrayList<>();
        Set<String> types = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (JsonNode file : files) {
            SourceLayout layout = layout(file);
            if (!types.add(layout.type())) {
                throw invalid("files[" + layout.type() + "]", "the type " + layout.type() + " is defined twice");
            }
            for (String prefix : layout.fileNamePrefixes()) {
                if (!prefixes.add(prefix.toUpperCase(Locale.ROOT))) {
                    throw invalid("files[" + layout.type() + "].fileNamePrefix", "'" + prefix + "' is also the prefix of another file type; a file name must say one type");
                }
            }
            layouts.add(layout);
        }
        MappingProfile mappingProfile = new MappingProfile(name, text(profile, "description", "", false), layouts);
        checkJoins(mappingProfile);
        return mappingProfile;
    }

    private CodeLookup lookup(JsonNode node, String name, String at) {
        object(node, at, LOOKUP_KEYS);
        Map<String, String> codes = new LinkedHashMap<>();
        JsonNode codeNodes = node.path("codes");
        if (!codeNodes.isMissingNode()) {
            object(codeNodes, at + ".codes", null);
            codeNodes.properties().forEach(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw invalid(at + ".codes." + entry.getKey(), "must be a text value (write \"\" for a code that gives nothing)");
                }
                codes.put(entry.getKey(), entry.getValue().asText().trim());
            });
        }
        List<CodeLookup.Range> ranges = new ArrayList<>();
        JsonNode rangeNodes = node.path("ranges");
        if (!rangeNodes.isMissingNode()) {
            if (!rangeNodes.isArray()) {
                throw invalid(at + ".ranges", "must be a list of {\"from\": 201, \"to\": 299, \"value\": \"ASIAN\"}");
            }
            for (JsonNode range : rangeNodes) {
                if (!range.path("from").canConvertToLong() || !range.path("to").canConvertToLong() || !range.path("value").isTextual()
                        || range.path("from").asLong() > range.path("to").asLong()) {
                    throw invalid(at + ".ranges", "each range needs whole numbers from <= to and a text value, e.g. {\"from\": 201, \"to\": 299, \"value\": \"ASIAN\"}");
                }
                ranges.add(new CodeLookup.Range(range.get("from").asLong(), range.get("to").asLong(), range.get("value").asText().trim()));
            }
        }
        String otherwise = node.has("otherwise") ? text(node, "otherwise", at, false) : null;
        boolean keepUnlisted = bool(node, "keepUnlisted", at, false);
        if (codes.isEmpty() && ranges.isEmpty() && otherwise == null && !keepUnlisted) {
            throw invalid(at, "lists no codes; give codes, ranges, otherwise or keepUnlisted");
        }
        if (otherwise != null && keepUnlisted) {
            throw invalid(at, "has both otherwise and keepUnlisted; an unlisted code either gives the otherwise value or stays as it is");
        }
        return new CodeLookup(name, node.has("label") ? text(node, "label", at, true) : "code of the '" + name + "' lookup",
                codes, ranges, otherwise, keepUnlisted);
    }

    private SourceLayout layout(JsonNode file) {
        String type = file.path("type").asText("");
        String at = "files[" + (type.isEmpty() ? "?" : type) + "]";
        object(file, at, FILE_KEYS);
        type = text(file, "type", at, true);
        List<String> prefixes = new ArrayList<>();
        JsonNode prefixNode = file.path("fileNamePrefix");
        if (prefixNode.isTextual()) {
            prefixes.add(prefixNode.asText());
        } else if (prefixNode.isArray()) {
            prefixNode.forEach(prefix -> prefixes.add(prefix.asText()));
        }
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(String::isBlank)) {
            throw invalid(at + ".fileNamePrefix", "is required: how the file's name starts, e.g. \"SINF\" (or a list of such)");
        }
        String formatName = text(file, "format", at, true);
        SourceLayout.Format format = switch (formatName) {
            case "delimited" -> SourceLayout.Format.DELIMITED;
            case "json" -> SourceLayout.Format.JSON;
            default -> throw invalid(at + ".format", "'" + formatName + "' is not a format; use delimited or json");
        };
        char delimiter = ',';
        boolean header = true;
        Map<String, Integer> positions = new LinkedHashMap<>();
        if (format == SourceLayout.Format.DELIMITED) {
            if (file.has("delimiter")) {
                String text = text(file, "delimiter", at, true);
                if (text.length() != 1 || text.equals("\"") || text.equals("\r") || text.equals("\n")) {
                    throw invalid(at + ".delimiter", "must be one character other than a quote or line break, e.g. \"^\"");
                }
                delimiter = text.charAt(0);
            }
            header = bool(file, "header", at, true);
            if (!header) {
                positions = positions(file.path("fields"), at + ".fields");
            } else if (file.has("fields")) {
                throw invalid(at + ".fields", "is only for files without a header; a header file's fields are named by its header");
            }
        } else if (file.has("delimiter") || file.has("header") || file.has("fields")) {
            throw invalid(at, "a json file has no delimiter, header or fields: its fields are JSON paths");
        }
        FieldNames fields = new FieldNames(format, header, positions, at);
        List<RowMapping> produces = new ArrayList<>();
        JsonNode produceNodes = file.path("produces");
        if (!produceNodes.isMissingNode()) {
            if (!produceNodes.isArray()) {
                throw invalid(at + ".produces", "must be a list of {\"kind\": ..., \"columns\": {...}}");
            }
            for (int i = 0; i < produceNodes.size(); i++) {
                produces.add(produce(produceNodes.get(i), at + ".produces[" + i + "]", fields));
            }
        }
        Contribution contributes = file.has("contributes") ? contribution(file.get("contributes"), at + ".contributes", fields) : null;
        if (produces.isEmpty() && contributes == null) {
            throw invalid(at, "neither produces nor contributes anything");
        }
        return new SourceLayout(type, prefixes, format, delimiter, header, positions,
                fields.used, fields.paths, produces, contributes);
    }

    private Map<String, Integer> positions(JsonNode node, String at) {
        if (!node.isObject() || node.isEmpty()) {
            throw invalid(at, "is required for a file without a header: each field's name and its 1-based position, e.g. {\"SSID\": 7}");
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        Map<Integer, String> taken = new HashMap<>();
        node.properties().forEach(entry -> {
            if (!entry.getValue().isIntegralNumber() || !entry.getValue().canConvertToInt() || entry.getValue().asInt() < 1) {
                throw invalid(at + "." + entry.getKey(), "must be a position: a whole number from 1");
            }
            String other = taken.put(entry.getValue().asInt(), entry.getKey());
            if (other != null) {
                throw invalid(at + "." + entry.getKey(), "position " + entry.getValue().asInt() + " is also given to " + other);
            }
            positions.put(entry.getKey(), entry.getValue().asInt());
        });
        return positions;
    }

    private RowMapping produce(JsonNode node, String at, FieldNames fields) {
        object(node, at, PRODUCES_KEYS);
        ImportKind kind = kind(node, at);
        Condition when = node.has("when") ? condition(node.get("when"), at + ".when", fields) : null;
        return new RowMapping(kind, when, columns(node.path("columns"), at + ".columns", kind, fields));
    }

    private Contribution contribution(JsonNode node, String at, FieldNames fields) {
        object(node, at, CONTRIBUTES_KEYS);
        ImportKind kind = kind(node, at);
        if (!node.has("key")) {
            throw invalid(at + ".key", "is required: the source field holding the student_id that joins the record to its student");
        }
        ValueRule key = rule(node.get("key"), at + ".key", fields);
        String combineName = node.has("combine") ? text(node, "combine", at, true) : "any";
        Contribution.Combine combine = switch (combineName) {
            case "any" -> Contribution.Combine.ANY;
            case "latest" -> Contribution.Combine.LATEST;
            default -> throw invalid(at + ".combine", "'" + combineName + "' is not a way to combine records; use any or latest");
        };
        ValueRule latestBy = null;
        if (combine == Contribution.Combine.LATEST) {
            if (!node.has("latestBy")) {
                throw invalid(at + ".latestBy", "is required with combine latest: the date field that says which record is the latest");
            }
            latestBy = rule(node.get("latestBy"), at + ".latestBy", fields);
        } else if (node.has("latestBy")) {
            throw invalid(at + ".latestBy", "is only used with \"combine\": \"latest\"");
        }
        Condition when = node.has("when") ? condition(node.get("when"), at + ".when", fields) : null;
        Map<String, ValueRule> columns = columns(node.path("columns"), at + ".columns", kind, fields);
        return new Contribution(kind, key, combine, latestBy, when, columns);
    }

    private ImportKind kind(JsonNode node, String at) {
        String name = text(node, "kind", at, true);
        return ImportKind.named(name).orElseThrow(() -> invalid(at + ".kind", "'" + name + "' is not a canonical kind; use " + ImportKind.acceptedNames()));
    }

    private Map<String, ValueRule> columns(JsonNode node, String at, ImportKind kind, FieldNames fields) {
        if (!node.isObject() || node.isEmpty()) {
            throw invalid(at, "is required: each canonical column and the rule that gives it");
        }
        Map<String, ValueRule> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String column = entry.getKey();
            String columnAt = at + "." + column;
            if (column.equals("district_id")) {
                throw invalid(columnAt, "is not mapped: every row carries the submitting district's id");
            }
            if (!kind.knownColumns().contains(column)) {
                throw invalid(columnAt, "is not a column of " + kind.fileName() + "; use " + String.join(", ", kind.knownColumns()));
            }
            ValueRule rule = rule(entry.getValue(), columnAt, fields);
            for (String value : rule.fixedValues()) {
                List<String> parts = rule.separator() == null ? List.of(value) : List.of(value.split(Pattern.quote(rule.separator())));
                for (String part : parts) {
                    CanonicalColumns.problem(column, part).ifPresent(problem -> {
                        throw invalid(columnAt, "can give '" + part + "', which " + column + " does not accept: " + problem);
                    });
                }
            }
            columns.put(column, rule);
        }
        return columns;
    }

    private ValueRule rule(JsonNode node, String at, FieldNames fields) {
        if (node.isTextual()) {
            fields.use(node.asText(), at);
            return new ValueRule(List.of(node.asText()), null, false, null, null, null, null, null, null);
        }
        object(node, at, RULE_KEYS);
        int sources = (node.has("field") ? 1 : 0) + (node.has("fields") ? 1 : 0) + (node.has("constant") ? 1 : 0);
        if (sources != 1) {
            throw invalid(at, "needs exactly one of field, fields or constant");
        }
        List<String> sourceFields = new ArrayList<>();
        if (node.has("field")) {
            sourceFields.add(text(node, "field", at, true));
        } else if (node.has("fields")) {
            if (!node.get("fields").isArray() || node.get("fields").isEmpty()) {
                throw invalid(at + ".fields", "must be a list of source fields");
            }
            node.get("fields").forEach(field -> sourceFields.add(field.asText()));
        }
        sourceFields.forEach(field -> fields.use(field, at));
        String constant = node.has("constant") ? text(node, "constant", at, false) : null;
        if (constant != null && (node.has("lookup") || node.has("date") || node.has("transform") || node.has("descriptor"))) {
            throw invalid(at, "a constant is written as the canonical value itself; it takes no lookup, date, transform or descriptor");
        }
        CodeLookup lookup = null;
        if (node.has("lookup")) {
            JsonNode lookupNode = node.get("lookup");
            if (lookupNode.isTextual()) {
                lookup = lookups.get(lookupNode.asText());
                if (lookup == null) {
                    throw invalid(at + ".lookup", "lookup '" + lookupNode.asText() + "' is not defined under lookups");
                }
            } else {
                lookup = lookup(lookupNode, "inline", at + ".lookup");
            }
        }
        String date = node.has("date") ? text(node, "date", at, true) : null;
        if (date != null) {
            try {
                DateTimeFormatter.ofPattern(date);
            } catch (IllegalArgumentException e) {
                throw invalid(at + ".date", "'" + date + "' is not a date pattern; write e.g. yyyyMMdd or MM/dd/yyyy");
            }
        }
        ValueRule.Transform transform = null;
        if (node.has("transform")) {
            String name = text(node, "transform", at, true);
            transform = TRANSFORMS.get(name);
            if (transform == null) {
                throw invalid(at + ".transform", "'" + name + "' is not a transform; use " + String.join(", ", TRANSFORMS.keySet().stream().sorted().toList()));
            }
        }
        String ifPresent = node.has("ifPresent") ? text(node, "ifPresent", at, true) : null;
        if (ifPresent != null) {
            fields.use(ifPresent, at + ".ifPresent");
        }
        return new ValueRule(sourceFields, constant, bool(node, "descriptor", at, false), lookup, date, transform,
                node.has("separator") ? text(node, "separator", at, true) : null,
                node.has("default") ? text(node, "default", at, false) : null, ifPresent);
    }

    private Condition condition(JsonNode node, String at, FieldNames fields) {
        object(node, at, CONDITION_KEYS);
        String field = text(node, "field", at, true);
        fields.use(field, at);
        if (node.has("in") == node.has("present")) {
            throw invalid(at, "needs exactly one of in (a list of codes) or present (true or false)");
        }
        Set<String> in = null;
        if (node.has("in")) {
            if (!node.get("in").isArray() || node.get("in").isEmpty()) {
                throw invalid(at + ".in", "must be a list of codes");
            }
            in = new LinkedHashSet<>();
            for (JsonNode code : node.get("in")) {
                in.add(code.asText());
            }
        }
        return new Condition(field, bool(node, "descriptor", at, false), in, node.has("present") ? bool(node, "present", at, true) : null);
    }

    /** Joins must be unambiguous: a column comes from one rule per row, and a "latest" column from one file only. */
    private void checkJoins(MappingProfile profile) {
        for (SourceLayout layout : profile.layouts()) {
            for (RowMapping mapping : layout.produces()) {
                String at = "files[" + layout.type() + "].produces";
                List<String> contributed = profile.contributedColumns(mapping.kind());
                for (String column : mapping.columns().keySet()) {
                    if (contributed.contains(column)) {
                        throw invalid(at, column + " is both mapped here and contributed by "
                                + profile.contributorsOf(mapping.kind(), column).get(0).type() + "; give it in one place");
                    }
                }
                for (String column : mapping.kind().requiredColumns()) {
                    if (!column.equals("district_id") && !mapping.columns().containsKey(column) && !contributed.contains(column)) {
                        throw invalid(at, mapping.kind().fileName() + " rows need " + column + "; map it here or contribute it from another file");
                    }
                }
                if (!contributed.isEmpty() && !mapping.columns().containsKey("student_id")) {
                    throw invalid(at, "maps no student_id, so the values other files contribute cannot be joined");
                }
            }
            Contribution contribution = layout.contributes();
            if (contribution != null && contribution.combine() == Contribution.Combine.LATEST) {
                for (String column : contribution.columns().keySet()) {
                    if (profile.contributorsOf(contribution.kind(), column).size() > 1) {
                        throw invalid("files[" + layout.type() + "].contributes.columns." + column,
                                "is contributed by another file too; with combine latest, a column comes from this file only");
                    }
                }
            }
        }
    }

    /** The source fields a layout names, checked against its positions (a positional file) or compiled (a JSON file). */
    private final class FieldNames {
        final SourceLayout.Format format;
        final boolean header;
        final Map<String, Integer> positions;
        final String at;
        final Set<String> used = new LinkedHashSet<>();
        final Map<String, JsonPath> paths = new HashMap<>();

        FieldNames(SourceLayout.Format format, boolean header, Map<String, Integer> positions, String at) {
            this.format = format;
            this.header = header;
            this.positions = positions;
            this.at = at;
        }

        void use(String field, String where) {
            if (field.isBlank()) {
                throw invalid(where, "names an empty field");
            }
            if (format == SourceLayout.Format.DELIMITED && !header && !positions.containsKey(field)) {
                throw invalid(where, "'" + field + "' is not one of the fields of " + at + "; name it under fields with its position");
            }
            if (format == SourceLayout.Format.JSON && !paths.containsKey(field)) {
                try {
                    paths.put(field, new JsonPath(field));
                } catch (IllegalArgumentException e) {
                    throw invalid(where, e.getMessage());
                }
            }
            used.add(field);
        }
    }

    private void object(JsonNode node, String at, Set<String> allowed) {
        if (!node.isObject()) {
            throw invalid(at.isEmpty() ? "(top)" : at, "must be a JSON object");
        }
        if (allowed != null) {
            node.properties().forEach(property -> {
                String key = property.getKey();
                if (!allowed.contains(key)) {
                    throw invalid(at.isEmpty() ? key : at + "." + key, "is not a key here; use " + String.join(", ", allowed.stream().sorted().toList()));
                }
            });
        }
    }

    private String text(JsonNode node, String key, String at, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(at.isEmpty() ? key : at + "." + key, "is required");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw invalid(at.isEmpty() ? key : at + "." + key, "must be text");
        }
        if (required && value.asText().isBlank()) {
            throw invalid(at.isEmpty() ? key : at + "." + key, "is required");
        }
        return value.asText();
    }

    private boolean bool(JsonNode node, String key, String at, boolean otherwise) {
        JsonNode value = node.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw invalid(at + "." + key, "must be true or false");
        }
        return value.asBoolean();
    }

    private InvalidProfileException invalid(String at, String problem) {
        return new InvalidProfileException(source + ": " + at + ": " + problem);
    }
}
