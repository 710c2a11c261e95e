package org.pathwaysledger.command.imports.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to values inside one Ed-Fi resource: property names joined by dots ({@code studentReference.studentUniqueId});
 * {@code name[]} takes every element of an array ({@code races[].raceDescriptor}); {@code name[property=value]} takes
 * the elements whose property equals the value or, for a descriptor, whose code value does
 * ({@code studentIdentificationCodes[studentIdentificationSystemDescriptor=State].identificationCode}).
 */
final class JsonPath {

    private record Step(String property, boolean array, String filterProperty, String filterValue) {
    }

    private final String text;
    private final List<Step> steps = new ArrayList<>();

    JsonPath(String text) {
        this.text = text;
        for (String part : split(text)) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(new Step(part, false, null, null));
                continue;
            }
            if (!part.endsWith("]") || bracket == 0) {
                throw new IllegalArgumentException("'" + text + "' is not a path; write name, name[] or name[property=value] between dots");
            }
            String filter = part.substring(bracket + 1, part.length() - 1);
            int equals = filter.indexOf('=');
            if (!filter.isEmpty() && equals <= 0) {
                throw new IllegalArgumentException("'" + text + "' has a filter without '='; write name[property=value]");
            }
            steps.add(filter.isEmpty()
                    ? new Step(part.substring(0, bracket), true, null, null)
                    : new Step(part.substring(0, bracket), true, filter.substring(0, equals).trim(), filter.substring(equals + 1).trim()));
        }
    }

    List<String> values(JsonNode resource) {
        List<JsonNode> nodes = List.of(resource);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                JsonNode child = node.get(step.property());
                if (child == null || child.isNull()) {
                    continue;
                }
                if (!step.array()) {
                    next.add(child);
                    continue;
                }
                for (JsonNode element : child) {
                    if (step.filterProperty() == null || matches(element.get(step.filterProperty()), step.filterValue())) {
                        next.add(element);
                    }
                }
            }
            nodes = next;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isValueNode()) {
                String value = node.asText().trim();
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean matches(JsonNode node, String wanted) {
        if (node == null || !node.isValueNode()) {
            return false;
        }
        String value = node.asText().trim();
        return value.equalsIgnoreCase(wanted) || Descriptors.codeValue(value).equalsIgnoreCase(wanted);
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        if (parts.stream().anyMatch(String::isEmpty) || depth != 0) {
            throw new IllegalArgumentException("'" + text + "' is not a path; write property names joined by dots, e.g. studentReference.studentUniqueId");
        }
        return parts;
    }
}
