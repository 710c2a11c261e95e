package org.pathwaysledger.command.region;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.pathwaysledger.command.RuleViolation;
import org.pathwaysledger.events.region.AddRegionMember;
import org.pathwaysledger.events.region.DefineRegion;
import org.pathwaysledger.events.region.RegionDefined;
import org.pathwaysledger.events.region.RegionMemberAdded;
import org.pathwaysledger.events.value.MemberKind;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A region and its member districts, adult schools and colleges. A member belongs to one region. */
@Aggregate
public class Region {

    @AggregateIdentifier
    private String regionId;
    private String name;
    private final Map<String, MemberKind> members = new HashMap<>();

    protected Region() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(DefineRegion command) {
        if (command.name().equals(name)) {
            return false;
        }
        apply(new RegionDefined(command.regionId(), command.name(), command.source()));
        return true;
    }

    @CommandHandler
    public boolean handle(AddRegionMember command) {
        MemberKind known = members.get(command.memberId());
        if (known == command.kind()) {
            return false;
        }
        if (known != null) {
            throw new RuleViolation("kind", command.kind().name(),
                    "conflicts with the member's kind " + known + "; a member's kind does not change");
        }
        apply(new RegionMemberAdded(command.regionId(), command.memberId(), command.kind(), command.name(), command.source()));
        return true;
    }

    @EventSourcingHandler
    void on(RegionDefined event) {
        regionId = event.regionId().value();
        name = event.name();
    }

    @EventSourcingHandler
    void on(RegionMemberAdded event) {
        members.put(event.memberId(), event.kind());
    }
}
