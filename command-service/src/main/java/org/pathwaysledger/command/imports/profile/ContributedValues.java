package org.pathwaysledger.command.imports.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values other files contribute to one canonical kind, by student, kept compact so a join stays bounded by the
 * number of students rather than of records: one small array of shared strings per student (flags, grade levels and
 * school ids repeat across students, so each distinct value is held once).
 */
final class ContributedValues {

    private final List<String> columns;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Map<String, Integer> orderSlots = new HashMap<>();
    private final Map<String, String[]> byStudent = new HashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    private final int width;

    ContributedValues(List<String> columns, List<SourceLayout> latestFirstLayouts) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            slots.put(columns.get(i), i);
        }
        int next = columns.size();
        for (SourceLayout layout : latestFirstLayouts) {
            orderSlots.put(layout.type(), next++);
        }
        this.width = next;
    }

    List<String> columns() {
        return columns;
    }

    void add(SourceLayout layout, String student, Map<String, String> values, String order) {
        String[] row = byStudent.computeIfAbsent(student, key -> new String[width]);
        if (layout.contributes().combine() == Contribution.Combine.LATEST) {
            int orderSlot = orderSlots.get(layout.type());
            if (row[orderSlot] != null && order.compareTo(row[orderSlot]) < 0) {
                return;
            }
            row[orderSlot] = share(order);
            values.forEach((column, value) -> row[slots.get(column)] = value.isEmpty() ? null : share(value));
            return;
        }
        values.forEach((column, value) -> {
            int slot = slots.get(column);
            boolean flagAlreadySet = CanonicalColumns.isFlag(column) && "Y".equalsIgnoreCase(row[slot]);
            if (!value.isEmpty() && !flagAlreadySet) {
                row[slot] = share(value);
            }
        });
    }

    /** The student's value for a contributed column, empty when no record gave one. */
    String valueOf(String student, String column) {
        String[] row = byStudent.get(student);
        String value = row == null ? null : row[slots.get(column)];
        return value == null ? "" : value;
    }

    private String share(String value) {
        return shared.computeIfAbsent(value, key -> key);
    }
}
