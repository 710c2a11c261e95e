package org.pathwaysledger.analytics.outcome;

import org.pathwaysledger.analytics.scope.Scope;
import org.pathwaysledger.analytics.suppression.PublishedRates;
import org.pathwaysledger.analytics.suppression.PublishedRates.Forced;
import org.pathwaysledger.analytics.suppression.SmallCellSuppression;
import org.pathwaysledger.events.value.DistrictId;
import org.pathwaysledger.events.value.InvalidValueException;
import org.pathwaysledger.infrastructure.projection.TransactionalEventConsumer;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link ScopeFamily} decisions, kept per data position: a decision covers every scope of a metric family at
 * once, so it is worked out once per (family, as-of date) and reused until the read model applies another event.
 *
 * <p>Opt-in ({@code pathways.analytics.suppression.across-scopes=true}, default false): on this machine the strict
 * decision hides most counts of a small region and takes seconds to minutes per family (BENCHMARKS.md, "Suppression
 * across scopes"), so by default each answer is suppressed on its own, as before, and the README says what that leaves
 * open (a count hidden in a district's answer can be worked out from the pathway's and the other districts').
 */
@Component
public class ScopeFamilies {

    /** {@code district} null: the decision for every scope; else for that district's schools. {@code head} null: participation. */
    private record Key(OutcomeMetric head, Instant asOf, long eventsApplied, Instant lastAppliedAt, String district) {
    }

    private final OutcomeQuery outcomes;
    private final SmallCellSuppression suppression;
    private final TransactionalEventConsumer consumer;
    private final DecisionCache<Key, Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>>> decisions = new DecisionCache<>();
    private final DecisionCache<Key, Map<ScopeFamily.Node, Forced>> participations = new DecisionCache<>();

    private final boolean enabled;

    public ScopeFamilies(OutcomeQuery outcomes, SmallCellSuppression suppression, TransactionalEventConsumer consumer,
                         @org.springframework.beans.factory.annotation.Value("${pathways.analytics.suppression.across-scopes:false}") boolean enabled) {
        this.outcomes = outcomes;
        this.suppression = suppression;
        this.consumer = consumer;
        this.enabled = enabled;
    }

    /** Whether answers are decided across scopes (the setting). */
    public boolean enabled() {
        return enabled;
    }

    /** What {@code metric}'s answer at {@code scope} hides on top of its own rules so that no scope's answer gives away another's. */
    public Forced forced(OutcomeMetric metric, Scope scope, Instant asOf,
                         Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        if (!enabled) {
            return Forced.NONE;
        }
        if (scope.school() != null) {
            return forcedAtSchool(metric, scope, asOf, dimensions);
        }
        return decision(metric, asOf, null, dimensions).getOrDefault(metric, Map.of()).getOrDefault(node(scope), Forced.NONE);
    }

    /**
     * What the participation answer at {@code scope} hides so that no scope's participation answer gives away another's
     * ({@link ParticipationFamily}); a school's is decided with the other schools of its district, below the district's.
     */
    public Forced participation(Scope scope, Instant asOf, Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        if (!enabled) {
            return Forced.NONE;
        }
        if (scope.school() == null) {
            return participationDecision(asOf, null, dimensions).getOrDefault(node(scope), Forced.NONE);
        }
        String district = districtOf(scope, true);
        if (district == null) {
            return Forced.NONE; // no student: every count is zero and hidden by the answer's own rules
        }
        ScopeFamily.Node node = node(scope);
        return participationDecision(asOf, district, dimensions)
                .getOrDefault(new ScopeFamily.Node(node.level(), node.id(), scope.school().value()), Forced.NONE);
    }

    /** Participation's decision for every scope ({@code district} null) or for one district's schools; cached per data position. */
    private Map<ScopeFamily.Node, Forced> participationDecision(Instant asOf, String district,
                                                              Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        var status = consumer.status();
        Key key = new Key(null, asOf, status.eventsApplied(), status.lastAppliedAt(), district);
        return participations.get(key, () -> district == null
                ? ParticipationFamily.decide(suppression, outcomes.participationBase(asOf), outcomes.catalogue(), dimensions)
                : ParticipationFamily.decideSchools(suppression, district, outcomes.participationBaseBySchool(asOf, DistrictId.of(district)),
                        outcomes.catalogue(), dimensions, participationDecision(asOf, null, dimensions)));
    }

    /**
     * The district of a school's answer: the one asked, or the only district where the school has entrants (students,
     * for participation); null if it has none. A school id found in two districts must be asked with {@code district=}.
     */
    public String districtOf(Scope scope, boolean students) {
        if (scope.district() != null) {
            return scope.district().value();
        }
        List<String> districts = outcomes.districtsOfSchool(scope.school(), students);
        if (districts.size() > 1) {
            throw new InvalidValueException("school", scope.school().value(),
                    "has " + (students ? "students" : "entrants") + " in more than one district; ask for it with district={districtId}");
        }
        return districts.isEmpty() ? null : districts.get(0);
    }

    /**
     * A school's answer: decided with the other schools of its district, below the district's answers (see
     * {@link ScopeFamily#decideSchools}). A school asked without its district is looked up; a school id found in two
     * districts must be asked with {@code district=}, as its answer would be the sum of two districts' schools.
     */
    private Forced forcedAtSchool(OutcomeMetric metric, Scope scope, Instant asOf,
                                  Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        String district = districtOf(scope, false);
        if (district == null) {
            return Forced.NONE; // no entrant: every count is zero and hidden by the answer's own rules
        }
        ScopeFamily.Node node = node(scope);
        ScopeFamily.Node atSchool = new ScopeFamily.Node(node.level(), node.id(), scope.school().value());
        return decision(metric, asOf, district, dimensions).getOrDefault(metric, Map.of()).getOrDefault(atSchool, Forced.NONE);
    }

    /** The family's decision for every scope ({@code district} null), or for one district's schools; cached per data position. */
    private Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> decision(OutcomeMetric metric, Instant asOf, String district,
                                                                      Function<OutcomeQuery.Counts, List<PublishedRates.Dimension>> dimensions) {
        List<OutcomeMetric> family = SharedCounts.linkedTo(metric);
        OutcomeMetric head = family.stream().min(java.util.Comparator.naturalOrder()).orElseThrow();
        var status = consumer.status();
        Key key = new Key(head, asOf, status.eventsApplied(), status.lastAppliedAt(), district);
        return decisions.get(key, () -> {
            if (district == null) {
                Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> counts = new LinkedHashMap<>();
                for (OutcomeMetric member : family.stream().sorted().toList()) {
                    counts.put(member, outcomes.countByUnit(member, asOf));
                }
                return ScopeFamily.decide(suppression, counts, outcomes.catalogue(), dimensions);
            }
            Map<OutcomeMetric, Map<ScopeFamily.Node, Forced>> everyScope = decision(metric, asOf, null, dimensions);
            Map<OutcomeMetric, Map<ScopeFamily.Unit, OutcomeQuery.Counts>> bySchool = new LinkedHashMap<>();
            for (OutcomeMetric member : family.stream().sorted().toList()) {
                bySchool.put(member, outcomes.countBySchool(member, asOf, DistrictId.of(district)));
            }
            return ScopeFamily.decideSchools(suppression, district, bySchool, outcomes.catalogue(), dimensions, everyScope);
        });
    }

    /** The node of a scope in a family's decision (its school left out). */
    public static ScopeFamily.Node node(Scope scope) {
        String district = scope.district() == null ? null : scope.district().value();
        if (scope.pathway() != null) {
            return new ScopeFamily.Node(ScopeFamily.Level.PATHWAY, scope.pathway().value(), district);
        }
        if (scope.sector() != null && scope.region() != null) {
            return new ScopeFamily.Node(ScopeFamily.Level.REGION_SECTOR, ScopeFamily.regionSector(scope.region().value(), scope.sector()), district);
        }
        if (scope.sector() != null) {
            return new ScopeFamily.Node(ScopeFamily.Level.SECTOR, scope.sector(), district);
        }
        return new ScopeFamily.Node(ScopeFamily.Level.REGION, scope.region().value(), district);
    }
}
