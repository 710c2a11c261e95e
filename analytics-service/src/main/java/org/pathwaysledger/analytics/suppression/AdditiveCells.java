package org.pathwaysledger.analytics.suppression;

import org.pathwaysledger.analytics.suppression.SmallCellSuppression.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts published together, and the sums that tie them: a region's count is the sum of its pathways', a pathway's the
 * sum of its districts', a total the sum of its groups', and a count two metrics both publish is the same number
 * twice. Whoever reads several answers can add and subtract them along these relations, so a count hidden in one
 * answer is only safe when no combination of the published counts gives it back.
 *
 * <p>{@link #protect()} hides more counts until that holds: first, while some relation has exactly one hidden member
 * (the others give it by subtraction), it hides the relation's smallest published member that may still be hidden;
 * then it audits the whole system exactly — a hidden count is recoverable when its unit vector is in the span of the
 * relations over the hidden counts (solved by elimination modulo a large prime, which can only over-report) — and for
 * each recoverable count hides the smallest published count that breaks the combination of relations giving it,
 * until nothing hidden is recoverable or nothing more may be hidden. Hides only grow, so it ends.
 *
 * <p>Frozen counts keep their state: counts already published (or hidden) by a coarser answer computed before, so
 * that a finer answer adds hides below it and never changes what was published above.
 */
public final class AdditiveCells {

    private static final long PRIME = 2_305_843_009_213_693_951L; // 2^61 - 1

    private final List<Long> counts = new ArrayList<>();
    private final BitSet hidden = new BitSet();
    private final BitSet frozen = new BitSet();
    private final List<int[]> relations = new ArrayList<>();
    private final List<Reason> relationReasons = new ArrayList<>();
    private final BitSet wholeAbsorbs = new BitSet();
    private final Map<Integer, List<Integer>> relationsOf = new HashMap<>();
    private final Map<Integer, Reason> addedReasons = new HashMap<>();

    /** A new count; returns its id. */
    public int add(long count, boolean hiddenAlready) {
        int id = counts.size();
        counts.add(count);
        if (hiddenAlready) {
            hidden.set(id);
        }
        return id;
    }

    /** This count's state (hidden or published) may not change. */
    public void freeze(int cell) {
        frozen.set(cell);
    }

    public boolean hidden(int cell) {
        return hidden.get(cell);
    }

    /**
     * {@code whole} is the sum of {@code parts} (one part: the same count twice). A count hidden because of this
     * relation gets {@code reason}.
     */
    public void relate(int whole, int[] parts, Reason reason) {
        relate(whole, parts, reason, false);
    }

    /**
     * As {@link #relate(int, int[], Reason)}; with {@code wholeAbsorbs}, a further hide goes to the whole rather than
     * to a part that is more than half of it (see {@link #hideSmallest}): for sums across scopes, where the whole is
     * another answer, not the total line of the same one.
     */
    public void relate(int whole, int[] parts, Reason reason, boolean wholeAbsorbs) {
        if (parts.length == 0) {
            return;
        }
        if (wholeAbsorbs) {
            this.wholeAbsorbs.set(relations.size());
        }
        int[] members = new int[parts.length + 1];
        members[0] = whole;
        System.arraycopy(parts, 0, members, 1, parts.length);
        int relation = relations.size();
        relations.add(members);
        relationReasons.add(reason);
        for (int member : members) {
            relationsOf.computeIfAbsent(member, key -> new ArrayList<>(4)).add(relation);
        }
    }

    /** Hides counts until no hidden count can be worked out from the published ones (or none may be hidden). */
    public Map<Integer, Reason> protect() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int relation = 0; relation < relations.size(); relation++) {
                int[] members = relations.get(relation);
                int hiddenMembers = 0;
                for (int member : members) {
                    if (hidden.get(member)) {
                        hiddenMembers++;
                    }
                }
                if (hiddenMembers == 1 && hideSmallest(relation)) {
                    changed = true;
                }
            }
            if (changed) {
                continue;
            }
            // Each count still recoverable: hide the smallest published count that breaks the combination giving it
            // (one per combination whose relations no hide of this round has touched yet; then audit again).
            java.util.Set<Integer> touchedRelations = new java.util.HashSet<>();
            java.util.Set<Integer> touched = new java.util.HashSet<>();
            for (Map.Entry<Integer, Row> recoverable : combinations().entrySet()) {
                Row combination = recoverable.getValue();
                if (Arrays.stream(combination.variables).anyMatch(touchedRelations::contains)) {
                    changed = true; // audited again next round
                    continue;
                }
                if (breakCombination(combination, touchedRelations) || hideNearest(recoverable.getKey(), touched)) {
                    changed = true;
                }
            }
        }
        return addedReasons;
    }

    /**
     * Hides a count in the relation nearest to {@code cell} (breadth first through hidden counts) that still has one
     * to hide; marks the counts of the relations crossed as {@code touched}, as that hide may already protect them.
     */
    private boolean hideNearest(int cell, java.util.Set<Integer> touched) {
        java.util.ArrayDeque<Integer> cells = new java.util.ArrayDeque<>(List.of(cell));
        java.util.Set<Integer> seenCells = new java.util.HashSet<>(List.of(cell));
        java.util.Set<Integer> seenRelations = new java.util.HashSet<>();
        while (!cells.isEmpty()) {
            int current = cells.poll();
            for (int relation : relationsOf.getOrDefault(current, List.of())) {
                if (!seenRelations.add(relation)) {
                    continue;
                }
                for (int member : relations.get(relation)) {
                    touched.add(member);
                }
                if (hideSmallest(relation)) {
                    return true;
                }
                for (int member : relations.get(relation)) {
                    if (hidden.get(member) && seenCells.add(member)) {
                        cells.add(member);
                    }
                }
            }
        }
        return false;
    }

    /**
     * Hides one more member of the relation: its smallest published part that may still be hidden (the whole if none);
     * in a relation whose whole absorbs, the whole instead where that part is more than half of it (a region with one large pathway and one tiny one: hiding the
     * large pathway would hide most of what the region tells, while the region, once its tiny part is hidden, tells
     * nothing the large one does not). False if nothing may be hidden.
     */
    private boolean hideSmallest(int relation) {
        int[] members = relations.get(relation);
        int part = -1;
        for (int i = 1; i < members.length; i++) {
            int member = members[i];
            if (!hidden.get(member) && !frozen.get(member) && (part < 0 || counts.get(member) < counts.get(part))) {
                part = member;
            }
        }
        int whole = members[0];
        boolean wholeAvailable = !hidden.get(whole) && !frozen.get(whole);
        int chosen = part;
        if (wholeAvailable && (part < 0 || (wholeAbsorbs.get(relation) && members.length > 2 && counts.get(part) * 2 > counts.get(whole)))) {
            chosen = whole;
        }
        if (chosen < 0) {
            return false;
        }
        hidden.set(chosen);
        addedReasons.put(chosen, relationReasons.get(relation));
        return true;
    }

    /**
     * The hidden counts that the published ones give back exactly, through any combination of the relations. A relation
     * restricted to its hidden members is a linear equation with known right-hand side; a hidden count is determined
     * when its unit vector lies in the span of these equations, which the reduced row echelon form shows as a row with
     * that count alone.
     */
    public List<Integer> recoverable() {
        List<Integer> determined = new ArrayList<>(combinations().keySet());
        determined.sort(Integer::compare);
        return determined;
    }

    /**
     * Each recoverable hidden count, with the combination of relations that gives it (relation index -> coefficient
     * modulo p): hiding a published count whose coefficients in that combination do not cancel breaks it.
     */
    private Map<Integer, Row> combinations() {
        Map<Integer, Integer> variable = new HashMap<>();
        List<Integer> cells = new ArrayList<>();
        for (int cell = hidden.nextSetBit(0); cell >= 0; cell = hidden.nextSetBit(cell + 1)) {
            variable.put(cell, cells.size());
            cells.add(cell);
        }
        // Independent groups of hidden counts (linked through relations) are solved separately: smaller systems.
        int[] parent = new int[cells.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<int[]> rows = new ArrayList<>();
        List<Integer> rowRelations = new ArrayList<>();
        for (int relation = 0; relation < relations.size(); relation++) {
            int[] members = relations.get(relation);
            int[] row = Arrays.stream(members).filter(hidden::get).map(variable::get).toArray();
            if (row.length == 0) {
                continue;
            }
            // whole = sum(parts): the whole has coefficient +1 and the parts -1; only the hidden ones are unknown.
            int[] signed = new int[row.length];
            int k = 0;
            for (int m = 0; m < members.length; m++) {
                if (hidden.get(members[m])) {
                    signed[k++] = m == 0 ? variable.get(members[m]) + 1 : -(variable.get(members[m]) + 1);
                }
            }
            rows.add(signed);
            rowRelations.add(relation);
            for (int v : row) {
                union(parent, row[0], v);
            }
        }
        Map<Integer, List<Integer>> rowsByComponent = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowsByComponent.computeIfAbsent(find(parent, Math.abs(rows.get(i)[0]) - 1), key -> new ArrayList<>()).add(i);
        }
        Map<Integer, Row> determined = new java.util.TreeMap<>();
        for (List<Integer> system : rowsByComponent.values()) {
            solve(system.stream().map(rows::get).toList(), system.stream().map(rowRelations::get).toList())
                    .forEach((v, combination) -> determined.put(cells.get(v), combination));
        }
        return determined;
    }

    /**
     * Hides the smallest published count that breaks {@code combination} (its coefficients over the relations in the
     * combination do not cancel); false if none may be hidden.
     */
    private boolean breakCombination(Row combination, java.util.Set<Integer> touchedRelations) {
        Map<Integer, Long> net = new HashMap<>();
        for (int i = 0; i < combination.variables.length; i++) {
            int relation = combination.variables[i];
            int[] members = relations.get(relation);
            for (int m = 0; m < members.length; m++) {
                if (!hidden.get(members[m]) && !frozen.get(members[m])) {
                    long coefficient = m == 0 ? combination.coefficients[i] : negate(combination.coefficients[i]);
                    net.merge(members[m], coefficient, AdditiveCells::add);
                }
            }
        }
        int chosen = -1;
        for (Map.Entry<Integer, Long> entry : net.entrySet()) {
            if (entry.getValue() != 0 && (chosen < 0 || counts.get(entry.getKey()) < counts.get(chosen)
                    || (counts.get(entry.getKey()).equals(counts.get(chosen)) && entry.getKey() < chosen))) {
                chosen = entry.getKey();
            }
        }
        if (chosen < 0) {
            return false;
        }
        hidden.set(chosen);
        for (int relation : relationsOf.getOrDefault(chosen, List.of())) {
            touchedRelations.add(relation);
        }
        int someRelation = combination.variables[0];
        for (int relation : relationsOf.get(chosen)) {
            if (Arrays.binarySearch(combination.variables, relation) >= 0) {
                someRelation = relation;
                break;
            }
        }
        addedReasons.put(chosen, relationReasons.get(someRelation));
        return true;
    }

    /** A sparse row modulo p: sorted variables and their non-zero coefficients. */
    private record Row(int[] variables, long[] coefficients) {
        int first() {
            return variables[0];
        }

        /** this - factor * other, zeros dropped. */
        Row minus(long factor, Row other) {
            int[] vs = new int[variables.length + other.variables.length];
            long[] cs = new long[vs.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < variables.length || j < other.variables.length) {
                int v;
                long c;
                if (j >= other.variables.length || (i < variables.length && variables[i] < other.variables[j])) {
                    v = variables[i];
                    c = coefficients[i++];
                } else if (i >= variables.length || other.variables[j] < variables[i]) {
                    v = other.variables[j];
                    c = negate(multiply(factor, other.coefficients[j++]));
                } else {
                    v = variables[i];
                    c = add(coefficients[i++], negate(multiply(factor, other.coefficients[j++])));
                }
                if (c != 0) {
                    vs[n] = v;
                    cs[n++] = c;
                }
            }
            return new Row(Arrays.copyOf(vs, n), Arrays.copyOf(cs, n));
        }

        Row scaled(long factor) {
            long[] cs = new long[coefficients.length];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = multiply(coefficients[i], factor);
            }
            return new Row(variables, cs);
        }
    }

    /** An equation over the hidden counts and the combination of relations it was made from. */
    private record Equation(Row row, Row combination) {
        Equation minus(long factor, Equation other) {
            return new Equation(row.minus(factor, other.row), combination.minus(factor, other.combination));
        }

        Equation scaled(long factor) {
            return new Equation(row.scaled(factor), combination.scaled(factor));
        }
    }

    /**
     * Variables (0-based) with a unit row in the reduced row echelon form of the signed sparse rows (index+1, sign),
     * each with the combination of {@code relationIds} that gives it.
     */
    private static Map<Integer, Row> solve(List<int[]> signedRows, List<Integer> relationIds) {
        Map<Integer, Equation> pivots = new HashMap<>(); // leading variable -> its equation, leading coefficient 1
        for (int r = 0; r < signedRows.size(); r++) {
            java.util.TreeMap<Integer, Long> entries = new java.util.TreeMap<>();
            for (int entry : signedRows.get(r)) {
                entries.merge(Math.abs(entry) - 1, entry > 0 ? 1L : PRIME - 1, AdditiveCells::add);
            }
            entries.values().removeIf(c -> c == 0);
            if (entries.isEmpty()) {
                continue;
            }
            Equation equation = new Equation(new Row(entries.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    entries.values().stream().mapToLong(Long::longValue).toArray()),
                    new Row(new int[]{relationIds.get(r)}, new long[]{1}));
            // Forward elimination: while the row starts on a pivot, subtract that pivot's row (which removes it).
            while (equation.row.variables.length > 0 && pivots.containsKey(equation.row.first())) {
                equation = equation.minus(equation.row.coefficients[0], pivots.get(equation.row.first()));
            }
            if (equation.row.variables.length > 0) {
                pivots.put(equation.row.first(), equation.scaled(inverse(equation.row.coefficients[0])));
            }
        }
        // Back substitution, last pivot first: each row loses every other pivot variable (reduced echelon form).
        List<Integer> order = new ArrayList<>(pivots.keySet());
        order.sort(java.util.Comparator.reverseOrder());
        Map<Integer, Row> determined = new HashMap<>();
        for (int pivot : order) {
            Equation equation = pivots.get(pivot);
            boolean reduced = false;
            while (!reduced) {
                reduced = true;
                for (int i = 1; i < equation.row.variables.length; i++) {
                    Equation other = pivots.get(equation.row.variables[i]);
                    if (other != null) {
                        equation = equation.minus(equation.row.coefficients[i], other);
                        reduced = false;
                        break;
                    }
                }
            }
            pivots.put(pivot, equation);
            if (equation.row.variables.length == 1) {
                determined.put(pivot, equation.combination);
            }
        }
        return determined;
    }

    private static long negate(long a) {
        return a == 0 ? 0 : PRIME - a;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum >= PRIME ? sum - PRIME : sum;
    }

    private static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        // (high * 2^64 + low) mod (2^61 - 1)
        long lowPart = low & PRIME;
        long rest = (low >>> 61) | (high << 3);
        long result = lowPart + rest;
        while (result >= PRIME) {
            result -= PRIME;
        }
        return result;
    }

    private static long inverse(long a) {
        long result = 1;
        long base = a;
        long exponent = PRIME - 2;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = multiply(result, base);
            }
            base = multiply(base, base);
            exponent >>= 1;
        }
        return result;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }
}
