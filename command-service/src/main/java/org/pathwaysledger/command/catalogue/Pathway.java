package org.pathwaysledger.command.catalogue;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.events.region.DefinePathway;
import org.pathwaysledger.events.region.PathwayDefined;
import org.pathwaysledger.events.region.PathwayDefinition;
import org.pathwaysledger.events.region.PathwayRetired;
import org.pathwaysledger.events.region.PathwayRevised;
import org.pathwaysledger.events.region.RetirePathway;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A pathway of a region's catalogue, with its versions. A retired pathway stays in the catalogue and the history. */
@Aggregate
public class Pathway {

    @AggregateIdentifier
    private String catalogueKey;
    private int version;
    private PathwayDefinition definition;
    private LocalDate retiredOn;

    protected Pathway() {
    }

    /** Defines the pathway, or revises it as a new version when the definition differs; {@code false} when unchanged. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(DefinePathway command) {
        if (catalogueKey == null) {
            apply(new PathwayDefined(command.regionId(), command.pathwayId(), 1, command.definition(), command.source()));
            return true;
        }
        if (command.definition().equals(definition)) {
            return false;
        }
        if (retiredOn != null) {
            throw new RuleViolation("pathway_id", command.pathwayId().value(),
                    "was retired on " + retiredOn + " and cannot be revised; define a new pathway instead");
        }
        apply(new PathwayRevised(command.regionId(), command.pathwayId(), version + 1, command.definition(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(RetirePathway command) {
        if (retiredOn != null) {
            return false;
        }
        apply(new PathwayRetired(command.regionId(), command.pathwayId(), command.retiredOn(), command.reason(), command.source()));
        return true;
    }

    @EventSourcingHandler
    void on(PathwayDefined event) {
        catalogueKey = event.regionId().value() + "/" + event.pathwayId().value();
        version = event.version();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(PathwayRevised event) {
        version = event.version();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(PathwayRetired event) {
        retiredOn = event.retiredOn();
    }
}
