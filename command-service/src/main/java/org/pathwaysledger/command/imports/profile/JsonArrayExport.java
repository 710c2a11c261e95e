package org.pathwaysledger.command.imports.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a JSON array of resources, as the Ed-Fi API returns them, one element at a time: only the current resource is
 * held as a tree, so memory stays flat whatever the file size.
 */
final class JsonArrayExport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonArrayExport() {
    }

    /** @return whether the file held any resource */
    static boolean read(SourceLayout layout, SourceFile file, Consumer<SourceRecord> records, ProblemSink problems) {
        try (JsonParser parser = MAPPER.getFactory().createParser(file.path().toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            if (first != JsonToken.START_ARRAY) {
                problems.problem(parser.currentTokenLocation().getLineNr(), null, null, "the file is not a JSON array; export the "
                        + layout.type() + " resources as the Ed-Fi API returns them, a JSON array of objects");
                return true;
            }
            boolean any = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                any = true;
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    problems.problem(line, null, null, "the array element is not a JSON object; each element must be one " + layout.type() + " resource");
                    continue;
                }
                JsonNode resource = MAPPER.readTree(parser);
                records.accept(new Resource(line, resource, layout.paths()));
            }
            return any;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.problem(line, null, null, "the file is not valid JSON (" + e.getOriginalMessage() + "); the rest of this file was not read");
            return true;
        } catch (IOException e) {
            problems.problem(0, null, null, "the file could not be read: " + e.getMessage());
            return true;
        }
    }

    private record Resource(long line, JsonNode resource, Map<String, JsonPath> paths) implements SourceRecord {

        @Override
        public List<String> values(String field) {
            JsonPath path = paths.get(field);
            return path == null ? List.of() : path.values(resource);
        }

        @Override
        public String column(String field) {
            return field;
        }
    }
}
