package org.pathwaysledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pathwaysledger.events.value.InvalidValueException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a request body field by field, collecting every problem instead of stopping at the first, so a district
 * clerk fixes a request in one go. Field names are the import format's column names.
 */
public final class FieldReader {

    private static final int MAX_TEXT_LENGTH = 256;

    private final ObjectNode body;
    private final List<InvalidValueException> problems = new ArrayList<>();

    public FieldReader(JsonNode body, Set<String> acceptedFields) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(List.of(new InvalidValueException("body", null, "must be a JSON object")));
        }
        this.body = (ObjectNode) body;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!acceptedFields.contains(name)) {
                problems.add(new InvalidValueException(name, null, "is not a field of this request; accepted fields are "
                        + String.join(", ", acceptedFields.stream().sorted().toList())));
            }
        }
    }

    /** The field as text: JSON strings, numbers and booleans are all read as the text a CSV cell would hold. */
    public String text(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            problems.add(new InvalidValueException(field, null, "must be a single value, not a list or object"));
            return null;
        }
        String text = node.asText();
        if (text.length() > MAX_TEXT_LENGTH) {
            problems.add(new InvalidValueException(field, text.substring(0, 40) + "...", "is longer than " + MAX_TEXT_LENGTH + " characters"));
            return null;
        }
        return text;
    }

    /** A list field: a JSON array of values, or one text with values separated by ';' as in the CSV format. */
    public List<String> list(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            if (node.size() > 16) {
                problems.add(new InvalidValueException(field, null, "has more than 16 values"));
                return List.of();
            }
            node.forEach(value -> values.add(value.asText()));
        } else {
            String text = text(field);
            if (text != null) {
                for (String value : text.split(";")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
            }
        }
        return values;
    }

    /** Parses a value, remembering the problem (and answering null) when it is wrong. */
    public <T> T read(String field, Function<String, T> parser) {
        return attempt(() -> parser.apply(text(field)));
    }

    public <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidValueException e) {
            problems.add(e);
            return null;
        }
    }

    /** Builds the command (whose own checks may refuse it) and throws every problem found, if any. */
    public <T> T build(Supplier<T> command) {
        T result = attempt(command);
        complete();
        return result;
    }

    public void addProblem(InvalidValueException problem) {
        problems.add(problem);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Throws every problem found so far, if any. */
    public void complete() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
